import { useState } from 'preact/hooks';
import { accountName } from '@/utils/accounts/account-name';
import type { AccountInUse } from '@/utils/accounts/account';
import { csvKeys, decodeCsv, parseCsv } from '@/utils/history/csv';
import { importTarget, type ImportTarget } from '@/utils/history/csv-account';
import { downloadCsv } from '@/utils/history/download-csv';
import type { Sample } from '@/utils/history/history';
import { importSamples } from '@/utils/history/history-writes';
import { t } from '@/utils/i18n';
import { CsvImportOutcome, type ImportOutcome } from './CsvImportOutcome';

interface Props {
  /** The account the page shows: its history is exported, and a file that names no key goes to it. */
  account: AccountInUse;
  accounts: AccountInUse[];
  samples: Sample[];
  /** A file went into `account`'s history, which is now `merged`. */
  onImported: (account: AccountInUse, merged: Sample[]) => void;
}

/** What a refused choice of account says. */
function refusal(target: Exclude<ImportTarget<AccountInUse>, { ok: true }>, single: AccountInUse | undefined): ImportOutcome {
  switch (target.reason) {
    case 'unknown-key-id':
      return { kind: 'unknown-key-id', keyId: target.keyId };
    case 'other-key':
      // With one account, as before: the file's tail and the account's.
      return { kind: 'other-key', keyTail: target.keyTail, ownTail: single ? single.key.slice(-4) : null };
    case 'mixed-keys':
      return { kind: 'mixed-keys', keys: target.keys };
    case 'ambiguous':
      return {
        kind: 'ambiguous',
        keyTail: target.keyTail,
        candidates: target.candidates.map((candidate) => ({ id: candidate.id, name: accountName(candidate) })),
      };
  }
}

/** Export of the shown account's history; import into the account whose company key the file names, saying which. */
export function CsvPanel({ account, accounts, samples, onImported }: Props) {
  const [outcome, setOutcome] = useState<ImportOutcome>(null);
  // The text of a file whose account the user is asked for.
  const [pending, setPending] = useState<string | null>(null);

  const importText = async (text: string, into?: AccountInUse) => {
    setPending(null);
    const target = into ? { ok: true as const, account: into } : importTarget(csvKeys(text), accounts, account);
    if (!target.ok) {
      if (target.reason === 'ambiguous') setPending(text);
      setOutcome(refusal(target, accounts.length === 1 ? accounts[0] : undefined));
      return;
    }
    const ownTail = target.account.key.slice(-4);
    const parsed = parseCsv(text, ownTail, Date.now());
    if (!parsed.ok) {
      setOutcome(
        parsed.reason === 'bad-rows'
          ? { kind: 'bad-rows', bad: parsed.bad, badLines: parsed.badLines }
          : parsed.reason === 'other-key'
            ? { kind: 'other-key', keyTail: parsed.keyTail, ownTail }
            : { kind: 'columns', missing: parsed.missing },
      );
      return;
    }
    const imported = await importSamples(target.account.key, parsed.samples, Date.now());
    if (!imported) {
      setOutcome({ kind: 'key-changed' });
      return;
    }
    const { merged, added, existing, folded, tooOld } = imported;
    onImported(target.account, merged);
    setOutcome({
      kind: 'imported',
      account: accounts.length > 1 ? accountName(target.account) : null,
      readings: parsed.samples.length,
      rows: parsed.rows,
      added,
      existing,
      folded,
      tooOld,
    });
  };

  const choose = (id: string) => {
    const chosen = accounts.find((candidate) => candidate.id === id);
    if (pending === null) return;
    if (chosen) void importText(pending, chosen);
    else setOutcome({ kind: 'key-changed' });
  };

  return (
    <section class="panel" aria-labelledby="csv-heading">
      <h2 id="csv-heading">{t('csvHeading')}</h2>
      <p class="help">{t('csvHelp')}</p>
      <div class="csv-actions">
        <button type="button" class="primary" onClick={() => downloadCsv(samples, account, Date.now())} disabled={samples.length === 0}>
          {t('exportCsv')}
        </button>
        <label class="file-button">
          {t('importCsv')}
          <input
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void file.arrayBuffer().then((bytes) => importText(decodeCsv(new Uint8Array(bytes))));
            }}
          />
        </label>
      </div>
      <div aria-live="polite">
        <CsvImportOutcome outcome={outcome} onChoose={choose} />
      </div>
    </section>
  );
}
