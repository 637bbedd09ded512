// The history page with several accounts, as a user sees it: which account's history it shows, what an export
// writes, and where an import goes (and says it went).
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryApp } from '@/components/history/HistoryApp';
import { CSV_COLUMNS } from '@/utils/history/csv';
import { keyId, readHistory, recordSample } from '@/utils/history/history';
import { accountsItem, credentialsItem } from '@/utils/storage';
import { historySample, storedState } from './builders';
import { useLocale } from './setup';

const NOW = Date.UTC(2026, 10, 29, 4); // 12:00 in Beijing
const HOUR = 3_600_000;
const A = { id: 'acc-a', name: '总部', key: 'demo0123456789abcdef0123456789ab', secretKey: 'S'.repeat(32) };
const B = { id: 'acc-b', name: '华南分公司', key: 'test9876543210fedcba9876543210cd', secretKey: 'T'.repeat(32) };
/** A third key ending as A's does. */
const C = { id: 'acc-c', name: '测试账号', key: 'prod00000000000000000000000089ab', secretKey: 'U'.repeat(32) };

/** Stores the accounts (the first mirrored as the single pair, as the settings page saves them) and renders the page. */
async function openPage(accounts = [A, B], selectedAccount: string | null = null) {
  await accountsItem.setValue(accounts);
  await credentialsItem.setValue({ key: accounts[0]!.key, secretKey: accounts[0]!.secretKey });
  render(<HistoryApp initial={storedState({ credentials: null, extra: { accounts, selectedAccount } })} />);
}

const picker = () => screen.getByLabelText<HTMLSelectElement>(/^(账号|Account)/);
const shownName = () => picker().selectedOptions[0]?.textContent;

/** The text of the file "Export CSV" downloads. */
async function exported(): Promise<string> {
  const blobs: Blob[] = [];
  const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:history';
  });
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  const button = await screen.findByRole<HTMLButtonElement>('button', { name: /导出 CSV|Export CSV/ });
  // Enabled once the account's history is read.
  await vi.waitFor(() => expect(button.disabled).toBe(false));
  fireEvent.click(button);
  create.mockRestore();
  click.mockRestore();
  expect(blobs).toHaveLength(1);
  return blobs[0]!.text();
}

/** Chooses a file on "Import CSV" and waits for what the page says. */
async function importText(text: string) {
  fireEvent.change(screen.getByLabelText(/导入 CSV|Import CSV/), {
    target: { files: [new File([text], 'history.csv', { type: 'text/csv' })] },
  });
  return vi.waitFor(() => {
    const said = document.querySelector('[role="status"], [role="alert"]');
    if (!said) throw new Error('no answer yet');
    return said as HTMLElement;
  });
}

const cellsOf = (text: string) => {
  const [header = '', ...rows] = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  const names = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [names[i], cell])));
};

/** The remaining counts of radar_id in an account's stored history. */
const remaining = async (key: string) =>
  (await readHistory(key)).map((s) => s.modules.find((m) => m.id === 'radar_id')).map((m) => (m ? m.total - m.consumed : null));

beforeEach(async () => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  await recordSample(A.key, historySample(NOW - 2 * HOUR, 10, 100));
  await recordSample(B.key, historySample(NOW - 2 * HOUR, 70, 100));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the history page with several accounts', () => {
  it('shows the account the popup showed last, and another one’s history when picked', async () => {
    // A reading the day before: the daily table shows today's use, 6 on A and 10 on B.
    await recordSample(A.key, historySample(NOW - 26 * HOUR, 4, 100));
    await recordSample(B.key, historySample(NOW - 26 * HOUR, 60, 100));
    await openPage([A, B], B.id);
    expect([...picker().options].map((option) => option.textContent)).toEqual(['总部', '华南分公司']);
    expect(shownName()).toBe('华南分公司');
    expect(screen.getByText('Key 尾号 10cd')).toBeTruthy();
    const today = () =>
      [...document.querySelectorAll('table.daily tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent))[0];
    await vi.waitFor(() => expect(today()).toEqual(['2026-11-29', '10', '0', '0']));
    fireEvent.change(picker(), { target: { value: A.id } });
    // At once A's name, and never B's numbers under it while A's history is read.
    expect(screen.getByText('Key 尾号 89ab')).toBeTruthy();
    expect(today()).toBeUndefined();
    await vi.waitFor(() => expect(today()).toEqual(['2026-11-29', '6', '0', '0']));
  });

  it('shows the first account when the popup chose none, and no picker with one account', async () => {
    await openPage([A, B]);
    expect(shownName()).toBe('总部');
    cleanup();
    await openPage([A]);
    expect(screen.queryByLabelText(/^账号/)).toBeNull();
    expect(screen.getByText('Key 尾号 89ab')).toBeTruthy();
  });

  it('exports each account’s history with its name and key_id beside key_tail', async () => {
    await openPage([A, B]);
    const first = cellsOf(await exported());
    expect(first.map(({ key_tail, account, key_id }) => [key_tail, account, key_id])).toEqual(
      Array(3).fill(['k-89ab', '总部', keyId(A.key)]),
    );
    expect(first.find((row) => row.module === 'radar_id')?.remaining).toBe('90');
    fireEvent.change(picker(), { target: { value: B.id } });
    await screen.findByText('Key 尾号 10cd');
    await vi.waitFor(async () => expect(cellsOf(await exported())[0]?.account).toBe('华南分公司'));
    const second = cellsOf(await exported());
    expect(second.map(({ key_tail, account, key_id }) => [key_tail, account, key_id])).toEqual(
      Array(3).fill(['k-10cd', '华南分公司', keyId(B.key)]),
    );
    expect(second.find((row) => row.module === 'radar_id')?.remaining).toBe('30');
  });

  it('imports an export of account B into B while A is shown, says so, and shows B', async () => {
    await openPage([A, B], B.id);
    const file = await exported();
    // The file read back later, when B's history has a newer reading it lacks and the user looks at A.
    cleanup();
    await recordSample(B.key, historySample(NOW - HOUR, 75, 100));
    await openPage([A, B], A.id);
    const said = await importText(file);
    expect(said.getAttribute('role')).toBe('status');
    expect(said.textContent).toBe('已导入到账号 华南分公司。 1 条记录（3 行）：0 条新增，1 条已有。');
    expect(shownName()).toBe('华南分公司');
    expect(await remaining(B.key)).toEqual([30, 25]);
    expect(await remaining(A.key)).toEqual([90]);
  });

  it('adds B’s readings to B, not to the account shown', async () => {
    await openPage([A, B], A.id);
    const rows = ['radar_id', 'bene_id'].map((id) => `2026-11-29T11:00:00+08:00,${id},100,80,20,10,k-10cd,华南分公司,${keyId(B.key)}`);
    const said = await importText([[...CSV_COLUMNS, 'key_tail', 'account', 'key_id'].join(','), ...rows].join('\n'));
    expect(said.textContent).toBe('已导入到账号 华南分公司。 1 条记录（2 行）：1 条新增，0 条已有。');
    expect(await remaining(B.key)).toEqual([30, 20]);
    expect(await remaining(A.key)).toEqual([90]);
    useLocale('en');
    cleanup();
    await openPage([A, B], A.id);
    expect(
      (await importText([[...CSV_COLUMNS, 'key_id'].join(','), ...rows.map((r) => r.replace(/,k-10cd,华南分公司/, ''))].join('\n')))
        .textContent,
    ).toBe('Imported into account 华南分公司. 1 readings (2 rows): 0 added, 1 already there.');
  });

  it('refuses a file whose key_id is of no account in use, and stores nothing', async () => {
    await openPage([A, B], A.id);
    const row = `2026-11-29T11:00:00+08:00,radar_id,100,80,20,10,k-89ab,旧账号,0badc0de`;
    const said = await importText([[...CSV_COLUMNS, 'key_tail', 'account', 'key_id'].join(','), row].join('\n'));
    expect(said.getAttribute('role')).toBe('alert');
    expect(said.textContent).toBe('文件的 key_id 为 0badc0de，与任何在用账号的公司 Key 都不对应：未导入。');
    expect(await remaining(A.key)).toEqual([90]);
    expect(await remaining(B.key)).toEqual([30]);
  });

  it('imports a file of an earlier version (no key_id) by its key_tail, into that account', async () => {
    await openPage([A, B], A.id);
    const said = await importText(
      [[...CSV_COLUMNS, 'key_tail'].join(','), '2026-11-29T11:00:00+08:00,radar_id,100,85,15,10,k-10cd'].join('\n'),
    );
    expect(said.textContent).toBe('已导入到账号 华南分公司。 1 条记录（1 行）：1 条新增，0 条已有。');
    expect(await remaining(B.key)).toEqual([30, 15]);
  });

  it('imports a file naming no key into the account shown', async () => {
    await openPage([A, B], B.id);
    const said = await importText([CSV_COLUMNS.join(','), '2026-11-29T11:00:00+08:00,radar_id,100,85,15,10'].join('\n'));
    expect(said.textContent).toBe('已导入到账号 华南分公司。 1 条记录（1 行）：1 条新增，0 条已有。');
    expect(await remaining(B.key)).toEqual([30, 15]);
    expect(await remaining(A.key)).toEqual([90]);
  });

  it('refuses the tail of no account in use, naming it', async () => {
    await openPage([A, B], A.id);
    const said = await importText(
      [[...CSV_COLUMNS, 'key_tail'].join(','), '2026-11-29T11:00:00+08:00,radar_id,100,85,15,10,k-7777'].join('\n'),
    );
    expect(said.textContent).toBe('这个文件属于尾号 7777 的公司 Key，没有哪个在用账号使用它：未导入。');
  });

  it('asks which account when the file’s tail ends several accounts’ keys, naming them, and imports into the one chosen', async () => {
    await openPage([A, B, C], B.id);
    const said = await importText(
      [[...CSV_COLUMNS, 'key_tail'].join(','), '2026-11-29T11:00:00+08:00,radar_id,100,85,15,10,k-89ab'].join('\n'),
    );
    expect(said.getAttribute('role')).toBe('alert');
    expect(within(said).getByText(/^文件只注明了/).textContent).toBe(
      '文件只注明了公司 Key 的尾号 89ab，而这几个账号的公司 Key 都以它结尾：总部和测试账号。要导入到哪个账号？',
    );
    expect(await readHistory(C.key)).toEqual([]);
    fireEvent.click(within(said).getByRole('button', { name: '导入到 测试账号' }));
    await vi.waitFor(() =>
      expect(document.querySelector('[role="status"]')?.textContent).toBe('已导入到账号 测试账号。 1 条记录（1 行）：1 条新增，0 条已有。'),
    );
    expect(await remaining(C.key)).toEqual([15]);
    expect(await remaining(A.key)).toEqual([90]);
    expect(shownName()).toBe('测试账号');
  });

  it('refuses a file of two accounts’ key_ids', async () => {
    await openPage([A, B], A.id);
    const header = [...CSV_COLUMNS, 'key_id'].join(',');
    const said = await importText(
      [
        header,
        `2026-11-29T11:00:00+08:00,radar_id,100,85,15,10,${keyId(A.key)}`,
        `2026-11-29T11:05:00+08:00,radar_id,100,85,15,10,${keyId(B.key)}`,
      ].join('\n'),
    );
    expect(said.textContent).toBe(`文件中有多个公司 Key 的记录（${keyId(A.key)}和${keyId(B.key)}）：请每个账号分别导出、导入。未导入。`);
  });

  it('refuses an import into an account removed while the file was read', async () => {
    await openPage([A, B], B.id);
    const file = new File([[CSV_COLUMNS.join(','), '2026-11-29T11:00:00+08:00,radar_id,100,85,15,10'].join('\n')], 'history.csv');
    const read = file.arrayBuffer.bind(file);
    // B goes (another tab's settings page) while the page reads the file.
    file.arrayBuffer = async () => {
      await accountsItem.setValue([A]);
      return read();
    };
    fireEvent.change(screen.getByLabelText(/导入 CSV/), { target: { files: [file] } });
    const said = await vi.waitFor(() => {
      const alert = document.querySelector('[role="alert"]');
      if (!alert) throw new Error('no answer yet');
      return alert;
    });
    expect(said.textContent).toBe('公司 Key 已更改或已被忘记，文件没有导入。');
    expect(await remaining(B.key)).toEqual([30]);
  });
});
