import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '@/components/popup/PopupApp';
import type { QuotaState } from '@/utils/qcc/quota-types';
import { storedState } from './builders';
import { useLocale } from './setup';

const credentials = { key: 'KEY1', secretKey: 'TOPSECRET' };
const modules = [
  { id: 'radar_id', total: 50, consumed: 2, remaining: 48, deletable: 50 },
  { id: 'bene_id', total: 100, consumed: 2, remaining: 98, deletable: 30 },
  { id: 'natural_person_id', total: 50, consumed: 46, remaining: 4, deletable: 15 },
];
const state: QuotaState = { snapshot: { key: 'KEY1', modules, fetchedAt: Date.now() - 12 * 60_000 }, error: null };
const names = { zh: ['风险监控', '股权穿透', '自然人核验'], en: ['Risk monitoring', 'Equity penetration', 'Natural-person verification'] };

afterEach(cleanup);

/** The number shown under a label of a card (a low count carries a marker after it). */
const countOf = (card: HTMLElement, label: string) => Number(within(card).getByText(label).nextSibling?.textContent?.match(/^\d+/)?.[0]);

describe('the popup', () => {
  it('shows each module in one element with its name and four numbers, and the age of the data', () => {
    render(<PopupApp initial={storedState({ credentials, state })} />);
    const cards = screen.getAllByRole('region');
    expect(cards).toHaveLength(3);
    cards.forEach((card, index) => {
      const text = card.textContent ?? '';
      expect(text).toContain(names.zh[index]);
      for (const other of names.zh.filter((_, i) => i !== index)) expect(text).not.toContain(other);
      const m = modules[index]!;
      expect(countOf(card, '剩余')).toBe(m.remaining);
      expect(countOf(card, '总额度')).toBe(m.total);
      expect(countOf(card, '已消耗')).toBe(m.consumed);
      expect(countOf(card, '可删除')).toBe(m.deletable);
    });
    expect(screen.getByText(/更新于 12分钟前/)).toBeTruthy();
    expect(cards[2]!.textContent).toContain('额度不足');
    expect(within(cards[2]!).getByText('剩余').nextSibling?.textContent).toContain('额度不足');
    expect(within(cards[2]!).getByText('可删除').nextSibling?.textContent).not.toContain('额度不足');
    expect(cards[0]!.textContent).not.toContain('额度不足');
    expect(document.body.textContent).not.toContain('TOPSECRET');
  });

  it('speaks English when the browser does', () => {
    useLocale('en');
    render(<PopupApp initial={storedState({ credentials, state })} />);
    expect(screen.getAllByRole('region').map((card) => card.querySelector('h2')?.textContent?.replace('⚠ Running low', ''))).toEqual(
      names.en,
    );
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeTruthy();
    expect(screen.getByText('Updated 12 minutes ago')).toBeTruthy();
  });

  it('asks the worker to refresh when the button is pressed', async () => {
    const send = vi.fn(async () => undefined);
    fakeBrowser.runtime.sendMessage = send;
    render(<PopupApp initial={storedState({ credentials, state })} />);
    fireEvent.click(screen.getByRole('button', { name: '刷新' }));
    expect(send).toHaveBeenCalledWith({ type: 'refresh' });
  });

  it('without a key, prompts for one and opens the options page', () => {
    const open = vi.fn(async () => undefined);
    fakeBrowser.runtime.openOptionsPage = open;
    render(<PopupApp initial={storedState({})} />);
    expect(screen.getByText('尚未设置公司 Key')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '打开设置' }));
    expect(open).toHaveBeenCalled();
  });

  it('keeps the last numbers on screen under an error, with the explanation', () => {
    const withError: QuotaState = {
      ...state,
      error: { key: 'KEY1', failure: { kind: 'timeout' }, at: Date.now(), nextAttemptAt: Date.now() + 60_000 },
    };
    render(<PopupApp initial={storedState({ credentials, state: withError })} />);
    expect(screen.getByRole('alert').textContent).toContain('pro.qcc.com 在 15 秒内没有应答');
    // One label for the age and the failure; no separate "updated just now" beside a failure marker.
    expect(screen.getByText(/^数据更新于 .+，之后的查询失败$/)).toBeTruthy();
    expect(screen.queryByText(/^更新于/)).toBeNull();
    expect(screen.getAllByRole('region')).toHaveLength(3);
  });
});

describe('the popup’s trend and forecast', () => {
  it('draws each module’s last 30 days as one line and says when it runs out, marking the ones inside the pace warning', () => {
    const now = Date.now();
    const today = Math.floor((now + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
    const summary = {
      key: 'KEY1',
      modules: {
        radar_id: { spark: [60, 55, 50, 48], forecast: { kind: 'runs-out' as const, at: today + 93 * 86_400_000, days: 93, perDay: 0.5 } },
        bene_id: { spark: [98, 98], forecast: { kind: 'flat' as const } },
        natural_person_id: {
          spark: [10, 8, 6, 4],
          forecast: { kind: 'runs-out' as const, at: today + 2 * 86_400_000, days: 2, perDay: 2 },
        },
      },
    };
    render(<PopupApp initial={storedState({ credentials, state, summary })} />);
    const [radar, bene, person] = screen.getAllByRole('region');
    expect(radar!.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(4);
    expect(within(radar!).getByRole('img').getAttribute('aria-label')).toBe('近 30 天剩余额度走势');
    expect(radar!.textContent).toMatch(/按近 30 天用量，约 \d{4}年\d{1,2}月\d{1,2}日 用完（93天后）/);
    expect(bene!.textContent).toContain('近 30 天没有净消耗');
    // Natural-person verification is already low (4 of 50): the low marker says more than the pace.
    expect(person!.textContent).toContain('（后天）');
    expect(screen.queryByText('即将用完')).toBeNull();
  });

  it('marks a module that runs out within the pace warning’s days, not one beyond them or one already low', () => {
    const now = Date.now();
    const today = Math.floor((now + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
    const runsOutIn = (days: number) => ({
      spark: [60, 55, 50],
      forecast: { kind: 'runs-out' as const, at: today + days * 86_400_000, days, perDay: 1 },
    });
    const summary = { key: 'KEY1', modules: { radar_id: runsOutIn(10), bene_id: runsOutIn(15), natural_person_id: runsOutIn(2) } };
    render(<PopupApp initial={storedState({ credentials, state, summary })} />);
    const [radar, bene, person] = screen.getAllByRole('region');
    // 10 days is inside the default 14; 15 is not; natural-person verification is low already (its own marker).
    expect(within(radar!).getByText('即将用完').className).toContain('tag-pace');
    expect(within(bene!).queryByText('即将用完')).toBeNull();
    expect(within(person!).queryByText('即将用完')).toBeNull();
    expect(screen.getAllByText('即将用完')).toHaveLength(1);
  });
});

describe('settings that could not be read', () => {
  it('says so in the popup, which still paints the numbers', () => {
    render(<PopupApp initial={storedState({ credentials, state, settingsProblem: 'newer' })} />);
    expect(screen.getByText(/这些设置由更新版本的扩展保存/)).toBeTruthy();
    expect(screen.getAllByRole('region')).toHaveLength(3);
  });
});
