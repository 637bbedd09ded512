import { useEffect, useState } from 'preact/hooks';
import { decodeCsv, parseCsv } from '@/utils/history/csv';
import { downloadCsv } from '@/utils/history/download-csv';
import { cstDayStart, dailyNetUse } from '@/utils/history/forecast';
import { cstDay, moduleSamples, readHistory, type Sample } from '@/utils/history/history';
import { importSamples } from '@/utils/history/history-writes';
import { formatNumber, t, uiLanguage } from '@/utils/i18n';
import { moduleName } from '@/utils/module-name';
import { DAY } from '@/utils/monitor/retry-schedule';
import type { StoredState } from '@/utils/storage';
import { CsvImportOutcome, type ImportOutcome } from './CsvImportOutcome';
import { HistoryChart } from './HistoryChart';
import { useStoredState } from '../page-shell';

const RANGES = [7, 30, 90, 365] as const;

/**
 * Net use per China day and module, as the forecast counts it (utils/history/forecast.ts): the same number for a day of any
 * age. Undefined: no reading that day; null: a renewal or an expiry, which counts as no data.
 */
function dailyUse(samples: readonly Sample[], ids: readonly string[], from: number, now: number) {
  const days = new Map<string, Array<number | null | undefined>>();
  ids.forEach((id, column) => {
    for (const { day, use } of dailyNetUse(moduleSamples(samples, id), now)) {
      if (day < from) continue;
      const row = days.get(cstDay(day)) ?? ids.map(() => undefined);
      row[column] = use;
      days.set(cstDay(day), row);
    }
  });
  return [...days.entries()].sort(([a], [b]) => (a < b ? 1 : -1)).map(([day, use]) => ({ day, use }));
}

/** "2026年11月" / "November 2026" for "2026-11". */
const monthName = (month: string): string =>
  new Intl.DateTimeFormat(uiLanguage(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(`${month}-01T00:00:00Z`));

/** The table's days by China month ("2026-11"), latest first. */
const months = <T extends { day: string }>(days: readonly T[]): Array<{ month: string; days: T[] }> => {
  const byMonth = new Map<string, T[]>();
  for (const day of days) byMonth.set(day.day.slice(0, 7), [...(byMonth.get(day.day.slice(0, 7)) ?? []), day]);
  return [...byMonth].map(([month, inMonth]) => ({ month, days: inMonth }));
};

/** The history page: per module a chart over 7 / 30 / 90 / 365 days, a table of use per day, CSV export and import. */
export function HistoryApp({ initial }: { initial: StoredState }) {
  const { credentials } = useStoredState(initial);
  const [samples, setSamples] = useState<Sample[] | null>(null);
  const [range, setRange] = useState<(typeof RANGES)[number]>(30);
  const [outcome, setOutcome] = useState<ImportOutcome>(null);
  const key = credentials?.key;

  useEffect(() => {
    if (key !== undefined) void readHistory(key).then(setSamples);
  }, [key]);

  if (!credentials) {
    return (
      <main class="history">
        <h1>{t('historyTitle')}</h1>
        <p>{t('noKeyPrompt')}</p>
      </main>
    );
  }
  const keyTail = credentials.key.slice(-4);
  const now = Date.now();
  const from = cstDayStart(now) - (range - 1) * DAY;
  const all = samples ?? [];
  const ids = [...new Set(all.flatMap((s) => s.modules.map((m) => m.id)))];

  const exportCsv = () => downloadCsv(all, keyTail, now);

  const importCsv = async (file: File) => {
    const parsed = parseCsv(decodeCsv(new Uint8Array(await file.arrayBuffer())), keyTail, Date.now());
    if (!parsed.ok) {
      setOutcome(
        parsed.reason === 'bad-rows'
          ? { kind: 'bad-rows', bad: parsed.bad, badLines: parsed.badLines }
          : parsed.reason === 'other-key'
            ? { kind: 'other-key', keyTail: parsed.keyTail }
            : { kind: 'columns', missing: parsed.missing },
      );
      return;
    }
    const imported = await importSamples(credentials.key, parsed.samples, Date.now());
    if (!imported) {
      setOutcome({ kind: 'key-changed' });
      return;
    }
    const { merged, added, existing, folded, tooOld } = imported;
    setSamples(merged);
    setOutcome({ kind: 'imported', readings: parsed.samples.length, rows: parsed.rows, added, existing, folded, tooOld });
  };

  const table = dailyUse(all, ids, from, now);
  return (
    <main class="history">
      <h1>{t('historyTitle')}</h1>
      <p class="masked-key">{t('maskedKey', keyTail)}</p>
      {/* Export and import first: above a table of up to 400 days. */}
      <section class="panel" aria-labelledby="csv-heading">
        <h2 id="csv-heading">{t('csvHeading')}</h2>
        <p class="help">{t('csvHelp')}</p>
        <div class="csv-actions">
          <button type="button" class="primary" onClick={exportCsv} disabled={all.length === 0}>
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
                if (file) void importCsv(file);
              }}
            />
          </label>
        </div>
        <div aria-live="polite">
          <CsvImportOutcome outcome={outcome} keyTail={keyTail} />
        </div>
      </section>
      <fieldset class="ranges">
        <legend>{t('rangeLabel')}</legend>
        {RANGES.map((days) => (
          <label class="choice" key={days}>
            <input type="radio" name="range" value={days} checked={range === days} onChange={() => setRange(days)} />
            {t('rangeDays', String(days))}
          </label>
        ))}
      </fieldset>
      {samples !== null && ids.length === 0 ? <p>{t('historyEmpty')}</p> : null}
      {ids.map((id) => (
        <section class="panel" key={id} aria-labelledby={`history-${id}`}>
          <h2 id={`history-${id}`}>{moduleName(id)}</h2>
          <HistoryChart name={moduleName(id)} readings={moduleSamples(all, id)} from={from} to={now} />
        </section>
      ))}
      {ids.length > 0 ? (
        <section class="panel" aria-labelledby="daily-heading">
          <h2 id="daily-heading">{t('dailyTableCaption')}</h2>
          {/* One month per fold, the latest open: a year of days stays short to scan. */}
          {months(table).map(({ month, days }, i) => (
            <details class="month" key={month} open={i === 0}>
              <summary>{monthName(month)}</summary>
              <table class="daily">
                <thead>
                  <tr>
                    <th scope="col">{t('dateColumn')}</th>
                    {ids.map((id) => (
                      <th scope="col" key={id}>
                        {moduleName(id)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {days.map(({ day, use }) => (
                    <tr key={day}>
                      <th scope="row">{day}</th>
                      {use.map((value, column) => (
                        <td key={ids[column]}>{value === undefined ? '' : value === null ? t('noNetUse') : formatNumber(value)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </section>
      ) : null}
    </main>
  );
}
