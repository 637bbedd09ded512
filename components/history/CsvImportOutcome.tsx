import { BAD_LINES_SHOWN, type BadCell } from '@/utils/history/csv';
import { formatNumber, t, uiLanguage } from '@/utils/i18n';

export type ImportOutcome =
  | {
      kind: 'imported';
      /** The account it went to, by name, when more than one is in use. */
      account: string | null;
      readings: number;
      rows: number;
      added: number;
      existing: number;
      folded: number;
      tooOld: number;
    }
  | { kind: 'bad-rows'; bad: BadCell[]; badLines: number }
  /** `ownTail`: the key tail of the account it was to go to; null when no account in use has the file's key. */
  | { kind: 'other-key'; keyTail: string; ownTail: string | null }
  | { kind: 'unknown-key-id'; keyId: string }
  | { kind: 'mixed-keys'; keys: string[] }
  | { kind: 'ambiguous'; keyTail: string; candidates: Array<{ id: string; name: string }> }
  | { kind: 'columns'; missing: string[] }
  | { kind: 'key-changed' }
  | null;

/** "第 12 行 consumed：“12a”不是整数": the line, the column, the value and what it should be. */
export const badCellText = (bad: BadCell): string =>
  t(`importBad_${bad.problem}`, [String(bad.line), bad.column, bad.value, formatNumber(bad.expected ?? 0)]);

/** "A、B 和 C" / "A, B, and C". */
const list = (items: string[]): string => new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(items);

interface Props {
  outcome: ImportOutcome;
  /** For `ambiguous`: the user's choice of account (its id). */
  onChoose?: (id: string) => void;
}

/** What an import did, in one unit (readings; rows in brackets), and where; or exactly what it could not take. */
export function CsvImportOutcome({ outcome, onChoose }: Props) {
  if (outcome === null) return null;
  switch (outcome.kind) {
    case 'imported':
      return (
        <p role="status">
          {outcome.account === null ? '' : `${t('importInto', outcome.account)} `}
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
      return (
        <p role="alert">
          {outcome.ownTail === null ? t('importNoAccountTail', outcome.keyTail) : t('importOtherKey', [outcome.keyTail, outcome.ownTail])}
        </p>
      );
    case 'unknown-key-id':
      return <p role="alert">{t('importUnknownKeyId', outcome.keyId)}</p>;
    case 'mixed-keys':
      return <p role="alert">{t('importMixedKeys', list(outcome.keys))}</p>;
    case 'ambiguous':
      return (
        <div role="alert" class="import-choice">
          <p>{t('importAmbiguous', [outcome.keyTail, list(outcome.candidates.map((c) => c.name))])}</p>
          <div class="csv-actions">
            {outcome.candidates.map(({ id, name }) => (
              <button type="button" key={id} data-account={id} onClick={() => onChoose?.(id)}>
                {t('importIntoButton', name)}
              </button>
            ))}
          </div>
        </div>
      );
    case 'columns':
      return <p role="alert">{t('importColumns', outcome.missing.join(', '))}</p>;
    case 'key-changed':
      return <p role="alert">{t('importKeyChanged')}</p>;
  }
}
