// The settings page's list of accounts (issue 23, items 1 and 7): add, save, rename, refuse a company key twice,
// remove, and the administrator's accounts locked, in both languages.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/settings/OptionsApp';
import { removeOwnAccount } from '@/utils/accounts/account-writes';
import type { Account } from '@/utils/accounts/account';
import { checkPolicy } from '@/utils/settings/policy';
import { HEALTHY_MODULES, storedState } from './builders';
import { useLocale } from './setup';

const KEY_A = 'A'.repeat(32);
const KEY_B = 'B'.repeat(28) + '5678';
const KEY_C = 'C'.repeat(28) + '9012';
const SECRET_A = 'a'.repeat(32);
const SECRET_B = 'b'.repeat(32);
const SECRET_C = 'c'.repeat(32);
const HQ: Account = { id: 'acct-hq', name: '总部', key: KEY_A, secretKey: SECRET_A };
const BRANCH: Account = { id: 'acct-branch', name: '', key: KEY_B, secretKey: SECRET_B };

/** What the worker keeps of an account that works: a good answer of its key, and no failure. */
const works = (key: string) => ({
  quota: { snapshot: { key, modules: HEALTHY_MODULES, fetchedAt: 1 }, error: null },
  retry: { failures: 0 },
});

let sent: unknown[] = [];

beforeEach(() => {
  sent = [];
  // The worker: it answers a test with a refusal, and removes an account as the real one does (storage first).
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    sent.push(message);
    const { type, accountId } = message as { type: string; accountId?: string };
    if (type === 'remove-account' && accountId) await removeOwnAccount(accountId);
    if (type === 'test') return { parsed: { ok: false, failure: { kind: 'api', code: 107, msg: '' } } };
    return undefined;
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The page over these stored keys, with storage holding the same (saving reads it under the accounts' lock). */
async function open(stored: Record<string, unknown>, { policy = null as ReturnType<typeof checkPolicy> } = {}) {
  // As the product writes it: the list of accounts with its first account's pair as the mirror.
  const first = (stored.accounts as Array<{ key: string; secretKey: string }> | undefined)?.[0];
  await fakeBrowser.storage.local.set({
    ...stored,
    ...(first ? { credentials: { key: first.key, secretKey: first.secretKey } } : {}),
    policy,
  });
  render(<OptionsApp initial={storedState({ policy, extra: stored })} />);
}

const type = (input: HTMLElement, value: string) => fireEvent.input(input, { target: { value } });
const storedAccounts = async () => (await fakeBrowser.storage.local.get('accounts')).accounts as Account[];
const region = (name: string) => within(screen.getByRole('region', { name }));

/** Opens "Add account" and fills the new account's form. */
function addAccount(name: string, key: string, secret: string) {
  fireEvent.click(screen.getByRole('button', { name: '添加账号' }));
  const form = region('新账号');
  type(form.getByLabelText('名称'), name);
  type(form.getByLabelText('公司 Key'), key);
  type(form.getByLabelText('SecretKey'), secret);
  fireEvent.click(form.getByRole('button', { name: '保存并测试' }));
}

describe('the settings page lists the accounts', () => {
  it('adds a second account under a new id, keeps the first mirrored, and lists it under its name', async () => {
    await open({ credentials: { key: KEY_A, secretKey: SECRET_A } });
    // One account alone: its form as before, with "Forget this key" below and no list around it.
    expect(screen.queryAllByRole('heading', { level: 3 })).toHaveLength(0);
    expect(screen.getByRole('button', { name: '忘记此 Key' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '删除此账号' })).toBeNull();

    addAccount('分部', KEY_B, SECRET_B);
    await vi.waitFor(async () => expect(await storedAccounts()).toHaveLength(2));
    const [first, second] = await storedAccounts();
    expect(first).toMatchObject({ key: KEY_A, secretKey: SECRET_A, name: '' });
    expect(second).toMatchObject({ key: KEY_B, secretKey: SECRET_B, name: '分部' });
    expect(first?.id).not.toBe(second?.id);
    expect((await fakeBrowser.storage.local.get('credentials')).credentials).toEqual({ key: KEY_A, secretKey: SECRET_A });
    // The list follows storage: each account under its name, the named one with its masked key beside.
    await screen.findByRole('region', { name: '分部' });
    expect(screen.getByRole('region', { name: '分部' }).querySelector('h3')?.textContent).toBe('分部尾号 5678');
    expect(screen.getByRole('region', { name: `尾号 ${KEY_A.slice(-4)}` })).toBeTruthy();
    expect(screen.queryByRole('region', { name: '新账号' })).toBeNull();
    // Two accounts: each is removed on its own, "Forget this key" is gone.
    expect(screen.getAllByRole('button', { name: '删除此账号' })).toHaveLength(2);
    expect(screen.queryByRole('button', { name: '忘记此 Key' })).toBeNull();
    // The SecretKey typed stays in the new account's field until it works (to be checked), the first's never shows.
    expect(region('分部').getByLabelText<HTMLInputElement>('SecretKey').value).toBe(SECRET_B);
    expect(document.body.innerHTML).not.toContain(SECRET_A);
  });

  it('refuses a company key another account has, naming that account, and stores nothing', async () => {
    await open({ accounts: [HQ, BRANCH] });
    addAccount('', KEY_A, SECRET_C);
    const problem = await region('新账号').findByText('账号“总部”已使用此公司 Key：同一个公司 Key 只能添加一次。');
    expect(problem.getAttribute('role')).toBe('alert');
    expect(region('新账号').getByLabelText('公司 Key').getAttribute('aria-invalid')).toBe('true');
    // Changing one account to another's key is refused the same way, naming the unnamed one by its key's tail.
    type(region('总部').getByLabelText('公司 Key'), KEY_B);
    fireEvent.click(region('总部').getByRole('button', { name: '保存并测试' }));
    await region('总部').findByText('账号“尾号 5678”已使用此公司 Key：同一个公司 Key 只能添加一次。');
    await new Promise((done) => setTimeout(done, 20));
    expect(await storedAccounts()).toEqual([HQ, BRANCH]);
  });

  it('refuses the key of an account saved meanwhile in another tab (under the lock), naming it', async () => {
    // Another tab saved a second account since this page read storage (no change reaches this page).
    await fakeBrowser.storage.local.set({
      accounts: [HQ, { ...BRANCH, name: '分部' }],
      credentials: { key: HQ.key, secretKey: HQ.secretKey },
    });
    render(<OptionsApp initial={storedState({ extra: { accounts: [HQ] } })} />);
    addAccount('', KEY_B, SECRET_C);
    await region('新账号').findByText('账号“分部”已使用此公司 Key：同一个公司 Key 只能添加一次。');
    expect(await storedAccounts()).toEqual([HQ, { ...BRANCH, name: '分部' }]);
  });

  it('renames an account with its pair: the name is stored, the id and pair kept, and an empty name shows the default', async () => {
    await open({ accounts: [HQ, BRANCH] });
    type(region('尾号 5678').getByLabelText('名称'), '  测试账号 ');
    fireEvent.click(region('尾号 5678').getByRole('button', { name: '保存并测试' }));
    await vi.waitFor(async () => expect((await storedAccounts())[1]).toEqual({ ...BRANCH, name: '测试账号' }));
    // The pair did not change: "Save and test" asks the worker to check it now.
    expect(sent).toContainEqual({ type: 'refresh' });
    await screen.findByRole('region', { name: '测试账号' });
    type(region('测试账号').getByLabelText('名称'), '');
    fireEvent.click(region('测试账号').getByRole('button', { name: '保存并测试' }));
    await screen.findByRole('region', { name: '尾号 5678' });
    expect((await storedAccounts())[1]).toEqual(BRANCH);
  });

  it('removes one account after its warning and export offer, by its id, and the list follows', async () => {
    await open({ accounts: [HQ, BRANCH] });
    fireEvent.click(region('尾号 5678').getByRole('button', { name: '删除此账号' }));
    expect(
      region('尾号 5678').getByText(
        '确定删除账号“尾号 5678”的公司 Key、SecretKey、额度数据和全部额度历史吗？此操作不能撤销，可以先导出历史。',
      ),
    ).toBeTruthy();
    expect(region('尾号 5678').getByRole('button', { name: '导出 CSV' })).toBeTruthy();
    fireEvent.click(region('尾号 5678').getByRole('button', { name: '取消' }));
    expect(sent).toEqual([]);
    fireEvent.click(region('尾号 5678').getByRole('button', { name: '删除此账号' }));
    fireEvent.click(region('尾号 5678').getByRole('button', { name: '确认删除' }));
    await screen.findByText('已删除账号“尾号 5678”及其额度数据和额度历史。');
    expect(sent).toEqual([{ type: 'remove-account', accountId: BRANCH.id }]);
    expect(await storedAccounts()).toEqual([HQ]);
    // One account left: its form alone again, with "Forget this key".
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: '尾号 5678' })).toBeNull());
    expect(screen.getByRole('button', { name: '忘记此 Key' })).toBeTruthy();
  });

  it('tests a new pair before it replaces a working one, by that account’s own state', async () => {
    // 总部 works; the branch's key has no answer yet.
    await open({ accounts: [HQ, BRANCH], accountStates: { [HQ.id]: works(KEY_A) } });
    type(region('尾号 5678').getByLabelText('SecretKey'), SECRET_C);
    fireEvent.click(region('尾号 5678').getByRole('button', { name: '保存并测试' }));
    await vi.waitFor(async () => expect((await storedAccounts())[1]).toEqual({ ...BRANCH, secretKey: SECRET_C }));
    expect(sent.filter((message) => (message as { type: string }).type === 'test')).toEqual([]);
    type(region('总部').getByLabelText('SecretKey'), SECRET_C);
    fireEvent.click(region('总部').getByRole('button', { name: '保存并测试' }));
    await region('总部').findByText('这对 Key 测试未通过，当前保存的 Key 对仍在使用。');
    expect(sent).toContainEqual({ type: 'test', credentials: { key: KEY_A, secretKey: SECRET_C } });
    expect((await storedAccounts())[0]).toEqual(HQ);
  });

  it('offers no more accounts once 10 are in use, and says why', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({
      id: `acct-${i}`,
      name: `账号 ${i}`,
      key: `K${i}`.padEnd(32, 'k'),
      secretKey: SECRET_A,
    }));
    await open({ accounts: ten });
    const add = screen.getByRole('button', { name: '添加账号' });
    expect(add).toHaveProperty('disabled', true);
    expect(document.getElementById(add.getAttribute('aria-describedby') ?? '')?.textContent).toBe('已有 10 个账号，不能再添加。');
  });
});

describe('the administrator’s accounts on the settings page', () => {
  const POLICY_ACCOUNTS = { accounts: [{ name: '集团', companyKey: KEY_C, secretKey: 'TOPSECRET-GROUP' }] };

  it('are listed with the lock, read-only, never with their SecretKey, and cannot be removed; own ones can be added beside', async () => {
    await open({ accounts: [BRANCH] }, { policy: checkPolicy(POLICY_ACCOUNTS) });
    const group = region('集团');
    expect(group.getByLabelText<HTMLInputElement>('名称')).toMatchObject({ value: '集团', disabled: true });
    expect(group.getByLabelText<HTMLInputElement>('公司 Key')).toMatchObject({ value: KEY_C, disabled: true });
    expect(group.getAllByText('由管理员设置')).toHaveLength(3);
    expect(group.queryByRole('textbox', { name: 'SecretKey' })).toBeNull();
    expect(group.queryByRole('button')).toBeNull();
    expect(document.body.innerHTML).not.toContain('TOPSECRET-GROUP');
    expect(screen.getByRole('region', { name: '集团' }).querySelector('h3 svg')).toBeTruthy();
    // The user's own account beside it: editable, removable on its own (the policy's key's history is not theirs).
    expect(region('尾号 5678').getByLabelText<HTMLInputElement>('公司 Key').disabled).toBe(false);
    expect(region('尾号 5678').getByRole('button', { name: '删除此账号' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '忘记此 Key' })).toBeNull();
    // The policy's company key cannot be added as the user's own.
    addAccount('', KEY_C, SECRET_C);
    await region('新账号').findByText('账号“集团”已使用此公司 Key：同一个公司 Key 只能添加一次。');
  });

  it.each([
    ['names it', { name: '集团', companyKey: KEY_B, secretKey: 'TOPSECRET-GROUP' }],
    ['names it in half (its SecretKey missing for a while)', { name: '集团', companyKey: KEY_B }],
  ])('removing an own account on a company key the policy %s says, and then says, that the history stays', async (_name, managed) => {
    await open({ accounts: [HQ, BRANCH] }, { policy: checkPolicy({ accounts: [managed] }) });
    const own = screen.getAllByRole('region', { name: '尾号 5678' }).find((r) => within(r).queryByRole('button', { name: '删除此账号' }))!;
    fireEvent.click(within(own).getByRole('button', { name: '删除此账号' }));
    expect(
      within(own).getByText(
        '确定删除账号“尾号 5678”的公司 Key、SecretKey 和额度数据吗？管理员设定的账号也使用这个公司 Key，额度历史保留。此操作不能撤销。',
      ),
    ).toBeTruthy();
    fireEvent.click(within(own).getByRole('button', { name: '确认删除' }));
    await screen.findByText('已删除账号“尾号 5678”及其额度数据；管理员设定的账号使用同一个公司 Key，额度历史保留。');
    expect(sent).toEqual([{ type: 'remove-account', accountId: BRANCH.id }]);
  });

  it('with lockSettings and accounts named: no own accounts, and no "Add account"', async () => {
    await open({ accounts: [BRANCH] }, { policy: checkPolicy({ ...POLICY_ACCOUNTS, lockSettings: true }) });
    expect(screen.getByLabelText<HTMLInputElement>('公司 Key')).toMatchObject({ value: KEY_C, disabled: true });
    expect(screen.queryByDisplayValue(KEY_B)).toBeNull();
    expect(screen.queryByRole('button', { name: '添加账号' })).toBeNull();
    expect(screen.queryByRole('button', { name: '保存并测试' })).toBeNull();
  });

  it('with lockSettings and no key pair named: one own account, as before, and no "Add account"', async () => {
    await open({}, { policy: checkPolicy({ lockSettings: true }) });
    expect(screen.getByRole('button', { name: '保存并测试' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '添加账号' })).toBeNull();
    cleanup();
    await open({ accounts: [HQ, BRANCH] }, { policy: checkPolicy({ lockSettings: true }) });
    expect(screen.getAllByRole('button', { name: '保存并测试' })).toHaveLength(1);
    expect(screen.getByLabelText<HTMLInputElement>('公司 Key').value).toBe(KEY_A);
    expect(screen.queryByRole('button', { name: '添加账号' })).toBeNull();
  });
});

describe('in English', () => {
  it('labels the list, its forms and its messages', async () => {
    useLocale('en');
    await open({ accounts: [HQ, BRANCH] });
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    const form = region('New account');
    expect(form.getByLabelText('Name')).toBeTruthy();
    type(form.getByLabelText('Company key'), KEY_B);
    type(form.getByLabelText('SecretKey'), SECRET_C);
    fireEvent.click(form.getByRole('button', { name: 'Save and test' }));
    await form.findByText('The account “…5678” already uses this company key: each company key can be added once.');
    expect(screen.getAllByRole('button', { name: 'Remove this account' })).toHaveLength(2);
    fireEvent.click(form.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region', { name: 'New account' })).toBeNull();
    expect(screen.getByRole('region', { name: '总部' }).querySelector('h3')?.textContent).toBe('总部…AAAA');
  });
});
