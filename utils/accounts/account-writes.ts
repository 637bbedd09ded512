// Every write of the user's own accounts: the list and its mirror (`local:credentials`, the first account in the shape
// earlier versions read) in one storage call, under one lock shared by the pages and the worker.
import { browser } from 'wxt/browser';
import { checkCredentials } from '../qcc/credentials';
import { withHistoryLock, withLock } from '../history/history-lock';
import { keyId, type HistorySummary } from '../history/history';
import { checkAccounts, MAX_ACCOUNTS, ownAccountsOf, type Account } from './account';

const ACCOUNTS_LOCK = 'qcc-accounts';

/** Why an account cannot be saved: the same company key as another account, or no room for another. */
export type AccountRefusal = 'duplicate-key' | 'too-many';

/** The list after saving `account` (new, or an existing id edited). Pure. */
export function withAccount(accounts: Account[], account: Account, limit = MAX_ACCOUNTS): Account[] | AccountRefusal {
  if (accounts.some((other) => other.id !== account.id && other.key === account.key)) return 'duplicate-key';
  const index = accounts.findIndex((other) => other.id === account.id);
  if (index >= 0) return accounts.map((other, i) => (i === index ? account : other));
  return accounts.length >= limit ? 'too-many' : [...accounts, account];
}

async function readOwn(): Promise<Account[]> {
  const stored = await browser.storage.local.get(['accounts', 'credentials']);
  return ownAccountsOf(stored.accounts, stored.credentials);
}

/**
 * Writes the list and the first account's mirror together; the mirror goes only with the last account. When the
 * first account changes, the single summary earlier versions read follows it (or goes), under the history lock.
 */
async function writeOwn(accounts: Account[], before: Account[]): Promise<void> {
  const first = accounts[0];
  await browser.storage.local.set({ accounts, ...(first ? { credentials: checkCredentials(first) } : {}) });
  if (!first) await browser.storage.local.remove('credentials');
  if (first?.key !== before[0]?.key) await summaryMirrorFor(first?.key);
}

/** The single summary of earlier versions, made the one of `key` (the first own account's), or removed. */
function summaryMirrorFor(key: string | undefined): Promise<void> {
  return withHistoryLock(async () => {
    const stored = await browser.storage.local.get(['historySummaries']);
    const summaries = (stored.historySummaries ?? {}) as Record<string, HistorySummary | undefined>;
    const summary = key === undefined ? undefined : summaries[keyId(key)];
    if (summary) await browser.storage.local.set({ historySummary: summary });
    else await browser.storage.local.remove('historySummary');
  });
}

/** Saves an account (a new one, or an edit of one with the same id). Refuses a company key another account has. */
export function saveAccount(account: Account, limit = MAX_ACCOUNTS): Promise<AccountRefusal | null> {
  return withLock(ACCOUNTS_LOCK, async () => {
    const before = await readOwn();
    const next = withAccount(before, account, limit);
    if (typeof next === 'string') return next;
    await writeOwn(next, before);
    return null;
  });
}

/** Removes the account with this id from the list; returns it (null when there was none). Its data is the caller's. */
export function removeOwnAccount(id: string): Promise<Account | null> {
  return withLock(ACCOUNTS_LOCK, async () => {
    const accounts = await readOwn();
    const removed = accounts.find((account) => account.id === id) ?? null;
    if (removed)
      await writeOwn(
        accounts.filter((account) => account !== removed),
        accounts,
      );
    return removed;
  });
}

/**
 * An earlier version's "Forget this key" (after a downgrade) removed the single key pair, which is always the list's
 * first: it is removed from the list too, with its SecretKey. Run by the worker at start.
 */
export function settleForgottenFirst(): Promise<void> {
  return withLock(ACCOUNTS_LOCK, async () => {
    const stored = await browser.storage.local.get(['accounts', 'credentials']);
    if (!Array.isArray(stored.accounts) || stored.accounts.length === 0 || stored.credentials !== undefined) return;
    await writeOwn(checkAccounts(stored.accounts.slice(1)), checkAccounts(stored.accounts));
  });
}
