// The history page's import, as a user does it: a file chosen, and what the page says about it.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryApp } from '@/components/history/HistoryApp';
import { CSV_COLUMNS } from '@/utils/history/csv';
import { readHistory, recordSample } from '@/utils/history/history';
import { credentialsItem } from '@/utils/storage';
import { historySample, storedState } from './builders';
import { useLocale } from './setup';

const NOW = Date.UTC(2026, 10, 29, 4); // 12:00 in Beijing
const KEY = 'demo0123456789abcdef0123456789ab';
const credentials = { key: KEY, secretKey: 'S'.repeat(32) };
const header = [...CSV_COLUMNS, 'key_tail'].join(',');
/** Three modules' rows at one China time (no seconds when `minute`), for the key ending 89ab. */
const reading = (time: string, consumed: number) =>
  ['radar_id', 'bene_id', 'natural_person_id'].map((id) => `${time},${id},100,${consumed},${100 - consumed},10,k-89ab`);

beforeEach(async () => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  await credentialsItem.setValue(credentials);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function importText(text: string) {
  render(<HistoryApp initial={storedState({ credentials })} />);
  const input = screen.getByLabelText(/导入 CSV|Import CSV/);
  fireEvent.change(input, { target: { files: [new File([text], 'history.csv', { type: 'text/csv' })] } });
  // The page answers with a status (imported) or an alert (refused).
  return vi.waitFor(() => {
    const said = document.querySelector('[role="status"], [role="alert"]');
    if (!said) throw new Error('no answer yet');
    return said;
  });
}

describe('importing on the history page', () => {
  it('counts in readings, rows in brackets: added and already there', async () => {
    await recordSample(KEY, historySample(NOW - 3_600_000, 5, 100));
    const rows = [header, ...reading('2026-11-29T11:00:00+08:00', 5), ...reading('2026-11-29T10:00:00+08:00', 4)];
    const said = await importText(rows.join('\n'));
    expect(said.textContent).toBe('2 条记录（6 行）：1 条新增，1 条已有。');
    cleanup();
    useLocale('en');
    const again = await importText(rows.join('\n'));
    expect(again.textContent).toBe('2 readings (6 rows): 0 added, 2 already there.');
  });

  it('matches a time without seconds to the stored reading of that minute: no near-duplicate', async () => {
    await recordSample(KEY, historySample(NOW - 3_600_000 + 17_000, 5, 100));
    const said = await importText([header, ...reading('2026/11/29 11:00', 5)].join('\n'));
    expect(said.textContent).toBe('1 条记录（3 行）：0 条新增，1 条已有。');
    expect((await readHistory(KEY)).map((s) => s.at)).toEqual([NOW - 3_600_000 + 17_000]);
  });

  it('says which line, column and value it cannot take, and what it expects', async () => {
    const bad = reading('2026-11-29T11:00:00+08:00', 5).map((row, i) => (i === 1 ? row.replace(',5,95,', ',5a,95,') : row));
    const said = await importText([header, ...bad, ...reading('2026-11-29T13:00:00+08:00', 6)].join('\n'));
    expect(said.textContent).toContain('文件中有错误，未导入任何内容：');
    expect(said.textContent).toContain('第 3 行 consumed：“5a”不是整数');
    expect(said.textContent).toContain('第 5 行 time：“2026-11-29T13:00:00+08:00”晚于现在');
    expect(await readHistory(KEY)).toEqual([]);
  });
});

describe('the daily table', () => {
  it('shows each day’s net use, folded by month with the latest open', async () => {
    // 45 days at 10 a day, then 20 added and 20 deleted within yesterday: its net use stays 10.
    for (let i = 45; i >= 1; i -= 1) await recordSample(KEY, historySample(NOW - i * 86_400_000, 500 - i * 10, 1000));
    await recordSample(KEY, historySample(NOW - 86_400_000 + 3_600_000, 510, 1000));
    await recordSample(KEY, historySample(NOW - 86_400_000 + 7_200_000, 490, 1000));
    render(<HistoryApp initial={storedState({ credentials })} />);
    fireEvent.click(await screen.findByRole('radio', { name: '近 90 天' }));
    const folds = [...document.querySelectorAll('details.month')] as HTMLDetailsElement[];
    expect(folds.map((fold) => [fold.querySelector('summary')?.textContent, fold.open])).toEqual([
      ['2026年11月', true],
      ['2026年10月', false],
    ]);
    const rows = [...document.querySelectorAll('table.daily tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows[0]).toEqual(['2026-11-28', '10', '0', '0']);
    expect(rows.every((row) => row[1] === '10')).toBe(true);
  });
});
