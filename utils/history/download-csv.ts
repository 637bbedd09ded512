// Saves a key's history as a CSV file through the page's own download (the history page's export, and the
// confirmation of "Forget this key", which offers it before the history goes).
import { csvFileName, toCsv } from './csv';
import { keyId, type Sample } from './history';
import { accountName } from '../accounts/account-name';
import type { Account } from '../accounts/account';
import { moduleName } from '../module-name';

/**
 * The file of an account's history, its `account` and `key_id` columns filled in; given only a key's tail (as earlier
 * callers do), those two columns stay empty.
 */
export function downloadCsv(samples: readonly Sample[], of: Pick<Account, 'key' | 'name'> | string, now: number): void {
  const keyTail = typeof of === 'string' ? of : of.key.slice(-4);
  const account = typeof of === 'string' ? undefined : { name: accountName(of), keyId: keyId(of.key) };
  const url = URL.createObjectURL(new Blob([toCsv(samples, keyTail, moduleName, account)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(keyTail, now);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
