// Review: with `lockSettings` and no managed pair the policy allows one own account, so the settings page shows only
// the first of the user's own accounts. "Forget this key" would forget every own account and every key's history,
// the accounts set aside by the policy included: the page offers removing the one shown instead, which leaves them.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/settings/OptionsApp';
import { saveAccount } from '@/utils/accounts/account-writes';
import { createQuotaMonitor } from '@/utils/monitor/quota-monitor';
import { readHistory } from '@/utils/history/history';
import { readStoredState } from '@/utils/storage';
import { checkPolicy } from '@/utils/settings/policy';
import { okAnswer } from './builders';

const KEY_A = 'A'.repeat(32);
const KEY_B = 'B'.repeat(28) + '5678';
const A = { id: 'acct-a', name: '总部', key: KEY_A, secretKey: 'a'.repeat(32) };
const B = { id: 'acct-b', name: '分部', key: KEY_B, secretKey: 'b'.repeat(32) };

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('lockSettings with no managed pair: one own account shown', () => {
  it('the one account shown is removed on its own: the other own account and its history stay', async () => {
    const fetch = vi.fn(async () => okAnswer());
    const monitor = createQuotaMonitor({ fetch, now: () => Date.now(), random: () => 0.5 });
    await saveAccount(A);
    await saveAccount(B);
    await monitor.refresh(); // both keys have a history
    expect(await readHistory(KEY_B)).toHaveLength(1);
    // Later IT locks the settings (no key pair in the policy): one own account is allowed.
    const policy = checkPolicy({ lockSettings: true });
    await fakeBrowser.storage.local.set({ policy });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      if ((message as { type: string }).type === 'forget') await monitor.forget();
      if ((message as { type: string }).type === 'remove-account')
        await monitor.removeAccount((message as { accountId: string }).accountId);
      return undefined;
    });
    render(<OptionsApp initial={await readStoredState()} />);
    // The page shows only 总部 (the fields of one account), with its own removal and no "Forget this key".
    expect(screen.getAllByLabelText('公司 Key')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: '忘记此 Key' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '删除此账号' }));
    fireEvent.click(screen.getByRole('button', { name: '确认删除' }));
    await vi.waitFor(async () =>
      expect((await fakeBrowser.storage.local.get('credentials')).credentials).toEqual({ key: KEY_B, secretKey: B.secretKey }),
    );
    await new Promise((done) => setTimeout(done, 20));
    expect(
      (await readStoredState()).ownAccounts.map((a) => a.name),
      'own accounts after removing the one shown',
    ).toEqual(['分部']);
    expect(await readHistory(KEY_B), 'the history of the account the page did not show').toHaveLength(1);
  });
});
