import { useEffect, useState } from 'preact/hooks';
import { cstDayStart, dailyNetUse } from '@/utils/history/forecast';
import { cstDay, moduleSamples, readHistory, type Sample } from '@/utils/history/history';
import { formatNumber, t, uiLanguage } from '@/utils/i18n';
import { moduleName } from '@/utils/module-name';
import { DAY } from '@/utils/monitor/retry-schedule';
import type { StoredState } from '@/utils/storage';
import { AccountPicker } from './AccountPicker';
import { CsvPanel } from './CsvPanel';
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
  const { accounts } = useStoredState(initial);
  // The account shown: the popup's last choice when the page opened, until the user picks one here.
  const [chosen, setChosen] = useState(initial.selectedAccount);
  // Samples with the key they are of: another account's are never drawn under this one's name.
  const [history, setHistory] = useState<{ key: string; samples: Sample[] } | null>(null);
  const [range, setRange] = useState<(typeof RANGES)[number]>(30);
  const account = (accounts.find((view) => view.account.id === chosen) ?? accounts[0])?.account;
  const key = account?.key;

  useEffect(() => {
    if (key === undefined) return undefined;
    let current = true;
    void readHistory(key).then((samples) => {
      if (current) setHistory({ key, samples });
    });
    return () => {
      current = false;
    };
  }, [key]);

  if (!account) {
    return (
      <main class="history">
        <h1>{t('historyTitle')}</h1>
        <p>{t('noKeyPrompt')}</p>
      </main>
    );
  }
  const samples = history?.key === account.key ? history.samples : null;
  const now = Date.now();
  const from = cstDayStart(now) - (range - 1) * DAY;
  const all = samples ?? [];
  const ids = [...new Set(all.flatMap((s) => s.modules.map((m) => m.id)))];
  const inUse = accounts.map((view) => view.account);

  const table = dailyUse(all, ids, from, now);
  return (
    <main class="history">
      <h1>{t('historyTitle')}</h1>
      {inUse.length > 1 ? <AccountPicker accounts={inUse} selected={account.id} onSelect={setChosen} /> : null}
      <p class="masked-key">{t('maskedKey', account.key.slice(-4))}</p>
      {/* Export and import first: above a table of up to 400 days. */}
      <CsvPanel
        account={account}
        accounts={inUse}
        samples={all}
        onImported={(into, merged) => {
          // The page shows the account the file went to, with its history as merged.
          setHistory({ key: into.key, samples: merged });
          setChosen(into.id);
        }}
      />
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
