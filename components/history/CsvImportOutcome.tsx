import { BAD_LINES_SHOWN, type BadCell } from '@/utils/history/csv';
import { formatNumber, t } from '@/utils/i18n';

export type ImportOutcome =
  | { kind: 'imported'; readings: number; rows: number; added: number; existing: number; folded: number; tooOld: number }
  | { kind: 'bad-rows'; bad: BadCell[]; badLines: number }
  | { kind: 'other-key'; keyTail: string }
  | { kind: 'columns'; missing: string[] }
  | { kind: 'key-changed' }
  | null;

/** "第 12 行 consumed：“12a”不是整数": the line, the column, the value and what it should be. */
export const badCellText = (bad: BadCell): string =>
  t(`importBad_${bad.problem}`, [String(bad.line), bad.column, bad.value, formatNumber(bad.expected ?? 0)]);

/** What an import did, in one unit (readings; rows in brackets), or exactly what it could not take. */
export function CsvImportOutcome({ outcome, keyTail }: { outcome: ImportOutcome; keyTail: string }) {
  if (outcome === null) return null;
  switch (outcome.kind) {
    case 'imported':
      return (
        <p role="status">
          {t('importDone', [outcome.readings, outcome.rows, outcome.added, outcome.existing].map(formatNumber))}
          {outcome.folded > 0 ? ` ${t('importFolded', formatNumber(outcome.folded))}` : ''}
          {outcome.tooOld > 0 ? ` ${t('importTooOld', formatNumber(outcome.tooOld))}` : ''}
        </p>
      );
    case 'bad-rows':
      return (
        <div role="alert">
          <p>{t('importBadRows')}</p>
          <ul>
            {outcome.bad.map((bad) => (
              <li key={bad.line}>{badCellText(bad)}</li>
            ))}
          </ul>
          {outcome.badLines > BAD_LINES_SHOWN ? <p>{t('importMoreBad', formatNumber(outcome.badLines - outcome.bad.length))}</p> : null}
        </div>
      );
    case 'other-key':
      return <p role="alert">{t('importOtherKey', [outcome.keyTail, keyTail])}</p>;
    case 'columns':
      return <p role="alert">{t('importColumns', outcome.missing.join(', '))}</p>;
    case 'key-changed':
      return <p role="alert">{t('importKeyChanged')}</p>;
  }
}
