// Saves a key's history as a CSV file through the page's own download (the history page's export, and the
// confirmation of "Forget this key", which offers it before the history goes).
import { csvFileName, toCsv } from './csv';
import type { Sample } from './history';
import { moduleName } from '../module-name';

export function downloadCsv(samples: readonly Sample[], keyTail: string, now: number): void {
  const url = URL.createObjectURL(new Blob([toCsv(samples, keyTail, moduleName)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(keyTail, now);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
