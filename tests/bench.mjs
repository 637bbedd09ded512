// `npm run bench`: popup speed against its floor, and memory, in real Chromium; prints a table.
import { formatReport, measure } from './support/measure.mjs';

const opens = Number(process.argv[2] ?? 60);
const result = await measure({ opens, refreshes: 100 });
console.log(formatReport(result));
