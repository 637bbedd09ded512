// `npm run bench`: popup speed against its floor, and memory, in real Chromium, with one account and with five (each
// with its numbers and 30 days of summary); prints a table for each.
import { formatReport, measure } from './support/measure.mjs';

const opens = Number(process.argv[2] ?? 60);
for (const accounts of [1, 5]) {
  const result = await measure({ opens, refreshes: 100, accounts });
  console.log(`${formatReport(result)}\n`);
}
