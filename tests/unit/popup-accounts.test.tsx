import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '@/components/popup/PopupApp';
import { ERROR_COLORS, LOW_COLORS, PACE_COLORS, STALE_COLORS } from '@/utils/alerts/badge';
import { keyId, type HistorySummary } from '@/utils/history/history';
import type { QuotaError, QuotaState } from '@/utils/qcc/quota-types';
import { readStoredState, selectedAccountItem, type AccountState } from '@/utils/storage';
import { apiError, moduleQuota, storedState } from './builders';
import { useLocale } from './setup';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

afterEach(cleanup);

interface Seed {
  id: string;
  name: string;
  key: string;
  /** radar_id's remaining count (of 5000): tells the accounts' cards apart. */
  radar?: number;
  fetchedAgo?: number;
  error?: QuotaError;
  /** Days until radar_id runs out at the last 30 days' pace. */
  runsOutIn?: number;
}

const quota = ({ key, radar, fetchedAgo = 5 * MINUTE, error }: Seed, now: number): QuotaState => ({
  snapshot:
    radar === undefined
      ? null
      : {
          key,
          modules: [
            moduleQuota('radar_id', 5000, 5000 - radar, 4000),
            moduleQuota('bene_id', 100, 2, 30),
            moduleQuota('natural_person_id', 50, 0, 15),
          ],
          fetchedAt: now - fetchedAgo,
        },
  error: error ?? null,
});

const summaryOf = ({ key, runsOutIn }: Seed, now: number): HistorySummary => ({
  key,
  modules: {
    radar_id: {
      spark: [5, 4, 3],
      forecast: runsOutIn === undefined ? { kind: 'flat' } : { kind: 'runs-out', at: now + runsOutIn * DAY, days: runsOutIn, perDay: 1 },
    },
  },
});

/** The stored keys of several own accounts with their own numbers and summaries, as the worker keeps them. */
const storedAccounts = (seeds: Seed[], now = Date.now(), selectedAccount: string | null = null) => ({
  accounts: seeds.map(({ id, name, key }) => ({ id, name, key, secretKey: `S-${key}` })),
  // The first account's pair is always written with the list, as its mirror.
  ...(seeds[0] ? { credentials: { key: seeds[0].key, secretKey: `S-${seeds[0].key}` } } : {}),
  accountStates: Object.fromEntries(
    seeds.map((seed): [string, AccountState] => [seed.id, { quota: quota(seed, now), retry: { failures: 0, failureKey: null } }]),
  ),
  historySummaries: Object.fromEntries(seeds.map((seed) => [keyId(seed.key), summaryOf(seed, now)])),
  selectedAccount,
});

const HQ: Seed = { id: 'a-hq', name: '总部', key: 'KEYHQ0001', radar: 4321 };
/** Radar monitoring nearly used up: low. */
const BRANCH: Seed = { id: 'a-branch', name: '分公司', key: 'KEYBR0002', radar: 17 };

const list = () => screen.getByRole('list', { name: '账号' });
const lineOf = (name: string) => within(list()).getByRole('button', { name: new RegExp(`^${name}`) });
const radarCard = () => screen.getAllByRole('region').find((card) => card.textContent?.includes('风险监控'))!;
/** radar_id's remaining count as its card shows it. */
const radarRemaining = () =>
  Number(
    within(radarCard())
      .getByText('剩余')
      .nextSibling?.textContent?.match(/^[\d,]+/)?.[0]
      .replace(/,/g, ''),
  );

describe('the popup with several accounts', () => {
  it('lists both accounts by name and shows each one’s own numbers only when it is selected', () => {
    render(<PopupApp initial={storedState({ extra: storedAccounts([HQ, BRANCH]) })} />);
    expect(within(list()).getAllByRole('button')).toHaveLength(2);
    expect(lineOf('总部').textContent).toContain('正常');
    expect(lineOf('分公司').textContent).toContain('额度不足');
    // The worse account is shown first.
    expect(lineOf('分公司').getAttribute('aria-pressed')).toBe('true');
    expect(lineOf('总部').getAttribute('aria-pressed')).toBe('false');
    expect(radarRemaining()).toBe(17);
    expect(document.body.textContent).not.toContain('4,321');
    expect(screen.getByText('分公司', { selector: '.masked-key' })).toBeTruthy();

    fireEvent.click(lineOf('总部'));
    expect(radarRemaining()).toBe(4321);
    expect(within(radarCard()).queryByText('额度不足')).toBeNull();
    expect(lineOf('总部').getAttribute('aria-pressed')).toBe('true');
    expect(lineOf('分公司').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByText('总部', { selector: '.masked-key' })).toBeTruthy();
    expect(screen.getAllByRole('region')).toHaveLength(3);
  });

  it('lists the worst account first: a key-pair error, then low, then stale, then pace, then the rest in their order', () => {
    const now = Date.now();
    const seeds: Seed[] = [
      { id: 'a1', name: '甲 正常', key: 'KEY000001', radar: 4000 },
      { id: 'a2', name: '乙 预警', key: 'KEY000002', radar: 3000, runsOutIn: 5 },
      {
        id: 'a3',
        name: '丙 过旧',
        key: 'KEY000003',
        radar: 2000,
        fetchedAgo: 8 * HOUR,
        error: { ...apiError(500, 'KEY000003', now + HOUR), at: now - MINUTE, since: now - 8 * HOUR },
      },
      { id: 'a4', name: '丁 不足', key: 'KEY000004', radar: 10 },
      { id: 'a5', name: '戊 错误', key: 'KEY000005', error: { ...apiError(107, 'KEY000005'), at: now - MINUTE } },
    ];
    render(<PopupApp initial={storedState({ extra: storedAccounts(seeds, now) })} />);
    const lines = within(list()).getAllByRole('button');
    expect(lines.map((line) => line.querySelector('.account-name')?.textContent)).toEqual([
      '戊 错误',
      '丁 不足',
      '丙 过旧',
      '乙 预警',
      '甲 正常',
    ]);
    expect(lines.map((line) => line.querySelector('.account-state')?.textContent)).toEqual([
      '需处理',
      '额度不足',
      '数据过旧',
      '即将用完',
      '正常',
    ]);
    // In the badge's colours; nothing to report is drawn plainly.
    expect(lines.map((line) => (line.querySelector('.account-state') as HTMLElement).style.background)).toEqual([
      ERROR_COLORS.background,
      LOW_COLORS.background,
      STALE_COLORS.background,
      PACE_COLORS.background,
      '',
    ]);
    expect(lines.map((line) => line.querySelector('.account-age')?.textContent)).toEqual([
      '无数据',
      '5分钟前',
      expect.stringMatching(/\d/),
      '5分钟前',
      '5分钟前',
    ]);
    // The worst is selected: its failure is explained, it has no numbers yet.
    expect(lines[0]!.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('107');
    expect(screen.queryAllByRole('region')).toHaveLength(0);

    fireEvent.click(lines[2]!);
    expect(radarRemaining()).toBe(2000);
    expect(screen.getByRole('alert')).toBeTruthy();
  });

  it('speaks English when the browser does', () => {
    useLocale('en');
    render(<PopupApp initial={storedState({ extra: storedAccounts([HQ, { ...BRANCH, name: '' }]) })} />);
    const lines = within(screen.getByRole('list', { name: 'Accounts' })).getAllByRole('button');
    expect(lines.map((line) => line.textContent)).toEqual(['…0002Running low5 minutes ago', '总部OK5 minutes ago']);
    // An account without a name is called by its key's tail, as the header always did.
    expect(screen.getByText('Company key ending 0002')).toBeTruthy();
  });

  it('remembers the account chosen, and shows it at the next opening', async () => {
    render(<PopupApp initial={storedState({ extra: storedAccounts([HQ, BRANCH]) })} />);
    fireEvent.click(lineOf('总部'));
    await waitFor(async () => expect(await selectedAccountItem.getValue()).toBe('a-hq'));
    cleanup();

    await fakeBrowser.storage.local.set(storedAccounts([HQ, BRANCH]));
    await selectedAccountItem.setValue('a-hq');
    render(<PopupApp initial={await readStoredState()} />);
    expect(lineOf('总部').getAttribute('aria-pressed')).toBe('true');
    expect(radarRemaining()).toBe(4321);
  });

  it('shows the account a notification chose (stored before the popup opens), and the worst one when that account is gone', () => {
    render(<PopupApp initial={storedState({ extra: storedAccounts([HQ, BRANCH], Date.now(), 'a-hq') })} />);
    expect(radarRemaining()).toBe(4321);
    cleanup();
    render(<PopupApp initial={storedState({ extra: storedAccounts([HQ, BRANCH], Date.now(), 'a-removed') })} />);
    expect(radarRemaining()).toBe(17);
  });

  it('keeps the cards of the account shown when the worker’s answer makes another one the worst', async () => {
    const now = Date.now();
    await fakeBrowser.storage.local.set(storedAccounts([HQ, BRANCH], now));
    render(<PopupApp initial={await readStoredState()} />);
    expect(radarRemaining()).toBe(17);
    const failed: AccountState = {
      quota: { ...quota(HQ, now), error: { ...apiError(107, HQ.key), at: now } },
      retry: { failures: 1, failureKey: null },
    };
    await act(async () => {
      await fakeBrowser.storage.local.set({ accountStates: { ...storedAccounts([HQ, BRANCH], now).accountStates, [HQ.id]: failed } });
    });
    await waitFor(() => expect(lineOf('总部').textContent).toContain('需处理'));
    expect(within(list()).getAllByRole('button')[0]).toBe(lineOf('总部'));
    expect(lineOf('分公司').getAttribute('aria-pressed')).toBe('true');
    expect(radarRemaining()).toBe(17);
  });

  it('paints five accounts: five lines, one set of cards', () => {
    const seeds = Array.from({ length: 5 }, (_, i): Seed => ({ id: `a${i}`, name: `账号 ${i + 1}`, key: `KEY00000${i}`, radar: 1000 + i }));
    render(<PopupApp initial={storedState({ extra: storedAccounts(seeds) })} />);
    expect(
      within(list())
        .getAllByRole('button')
        .map((line) => line.querySelector('.account-name')?.textContent),
    ).toEqual(['账号 1', '账号 2', '账号 3', '账号 4', '账号 5']);
    expect(screen.getAllByRole('button', { pressed: true })).toHaveLength(1);
    expect(screen.getAllByRole('region')).toHaveLength(3);
    expect(radarRemaining()).toBe(1000);
    fireEvent.click(lineOf('账号 4'));
    expect(radarRemaining()).toBe(1003);
  });
});

describe('the popup with one account', () => {
  it('shows no list, and the key’s tail in the header as before', () => {
    render(<PopupApp initial={storedState({ extra: storedAccounts([{ ...HQ, name: '' }]) })} />);
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.queryByRole('button', { pressed: true })).toBeNull();
    expect(screen.getByText('Key 尾号 0001')).toBeTruthy();
    expect(radarRemaining()).toBe(4321);
  });

  it('with no account at all, still asks for a company key', () => {
    render(<PopupApp initial={storedState({})} />);
    expect(screen.getByText('尚未设置公司 Key')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
