// The properties of a fleet of browsers with three accounts each (tests/sim/fleet.ts), as one vitest suite: the unit
// project runs a small fleet (tests/unit/fleet-simulation.test.ts), the sim project 500 browsers (tests/sim/fleet.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE, nextCstMidnight } from '@/utils/monitor/retry-schedule';
import { CLOSE, DAY_START, departmentKey, groupKey, perMinute, runFleet, spread, type FleetRun, type Limit, type Request } from './fleet';

const POLL_MINUTES = 30;
/** The busiest minute of the schedule is looked at once every browser has started and spread its first refresh. */
const STEADY = DAY_START + 2 * HOUR;

/** `requests` grouped by what `by` names them. */
function groupBy<T>(requests: Request[], by: (r: Request) => string, of: (r: Request) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of requests) {
    const group = groups.get(by(r));
    if (group) group.push(of(r));
    else groups.set(by(r), [of(r)]);
  }
  return groups;
}
const byKey = (requests: Request[]) =>
  groupBy(
    requests,
    (r) => r.key,
    (r) => r.at,
  );
const byAccount = (requests: Request[]) =>
  groupBy(
    requests,
    (r) => `${r.browser}:${r.accountId}`,
    (r) => r,
  );
const kindOf = (key: string) => (key.startsWith('G') ? 'group' : key.startsWith('D') ? 'department' : 'team');
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

export function fleetSuite(browsers: number, timeout: number): void {
  /** The group's key meets its daily limit at 14:00 (116), the fourth department's at 11:00 (109). */
  const limits: Limit[] = [
    { key: groupKey(), code: 116, from: DAY_START + 6 * HOUR },
    { key: departmentKey(3), code: 109, from: DAY_START + 3 * HOUR },
  ];
  const limited = (key: string) => limits.some((l) => l.key === key);
  let withLimits: FleetRun;
  let withoutLimits: FleetRun;
  let pollsOnly: FleetRun;
  const figures: string[] = [];

  describe(`${browsers} browsers × 3 accounts over a working day (starts 08:30–09:30, popups, pro.qcc.com page loads, a "refresh" about every three hours)`, () => {
    beforeAll(async () => {
      const started = performance.now();
      withLimits = await runFleet({ browsers, pollMinutes: POLL_MINUTES, people: true, limits, seed: 20261130 });
      withoutLimits = await runFleet({ browsers, pollMinutes: POLL_MINUTES, people: true, limits: [], seed: 20261130 });
      pollsOnly = await runFleet({ browsers, pollMinutes: POLL_MINUTES, people: false, limits: [], seed: 20261130 });
      figures.push(
        `${browsers} browsers × 3 accounts, ${POLL_MINUTES}-minute interval (${((performance.now() - started) / 1000).toFixed(1)} s for three runs)`,
      );
    }, timeout);

    it('every account asks every day, on its own phase: the polls of one key spread over the period', () => {
      const perAccount = [...byAccount(withoutLimits.requests).values()].map((r) => r.length);
      const pollsPerAccount = [...byAccount(pollsOnly.requests).values()].map((r) => r.length);
      expect(perAccount).toHaveLength(3 * browsers);
      expect(pollsPerAccount).toHaveLength(3 * browsers);
      const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
      figures.push(
        `requests per account per day, with people: mean ${round(mean(perAccount))}, fewest ${Math.min(...perAccount)}, most ${Math.max(...perAccount)}`,
        `requests per account per day, the monitor's alarms alone: mean ${round(mean(pollsPerAccount))}, fewest ${Math.min(...pollsPerAccount)}, most ${Math.max(...pollsPerAccount)}`,
      );
      // The alarms alone: the start's refresh and one poll a period until 18:00 (8.5–9.5 hours): 17–20 a day.
      expect(Math.min(...pollsPerAccount)).toBeGreaterThanOrEqual(17);
      expect(Math.max(...pollsPerAccount)).toBeLessThanOrEqual(20);
      for (const [label, run] of [
        ['alarms alone', pollsOnly],
        ['with people', withoutLimits],
      ] as const) {
        const keys = byKey(run.requests);
        for (const kind of ['group', 'department', 'team'] as const) {
          const ofKind = [...keys].filter(([key]) => kindOf(key) === kind);
          // Of the keys of this kind, the one with the most accounts (then the busiest minute).
          const [, busiest] = ofKind.reduce((a, b) => (b[1].length > a[1].length ? b : a));
          const { peak, mean } = spread(busiest, STEADY, CLOSE);
          const perKeyPerDay = ofKind.reduce((n, [, times]) => n + times.length, 0) / ofKind.length;
          const peaks = ofKind.map(([, times]) => spread(times, STEADY, CLOSE).peak);
          figures.push(
            `${label}, ${kind} keys (${ofKind.length}, ${round(browsers / ofKind.length)} accounts each): ${round(perKeyPerDay, 0)} requests a key a day; 10:00–18:00 busiest minute ${peak} vs mean ${round(mean, 2)} a minute (busiest of all ${kind} keys: ${Math.max(...peaks)})`,
          );
          if (label === 'alarms alone') {
            // On its own phase, each account polls once a period: a key's busiest minute stays within a few standard
            // deviations of its even share, as phases drawn at random fall (all of a key's accounts in one minute
            // would be every browser on it).
            for (const [key, times] of ofKind) {
              const { peak, mean: even } = spread(times, STEADY, CLOSE);
              expect(peak, key).toBeLessThanOrEqual(Math.ceil(even + 4 * Math.sqrt(even) + 2));
            }
          }
        }
      }
      // The accounts of one browser poll on phases of their own: a browser rarely asks twice in one minute (three
      // accounts on one phase would always do).
      let minutes = 0;
      let together = 0;
      const steady = pollsOnly.requests.filter((r) => r.at >= STEADY);
      for (const times of groupBy(
        steady,
        (r) => String(r.browser),
        (r) => r.at,
      ).values()) {
        const counts = perMinute(times);
        minutes += counts.size;
        together += [...counts.values()].filter((n) => n > 1).length;
      }
      expect(together / minutes).toBeLessThan(0.25);
      figures.push(
        `alarms alone, minutes in which one browser asked for two or three accounts at once: ${round((100 * together) / minutes)} %`,
      );
      // The start: the first refreshes of the morning are spread (0–5 minutes after each start), not a burst.
      const morning = perMinute(pollsOnly.requests.filter((r) => r.key === groupKey() && r.at < STEADY).map((r) => r.at));
      figures.push(`the morning (08:30–10:00), group key, alarms alone: busiest minute ${Math.max(...morning.values())}`);
    });

    it('after a daily limit (109 or 116) an account asks again only when a person presses "refresh"; its retry is spread after 00:00', () => {
      const accounts = byAccount(withLimits.requests);
      let met = 0;
      let after = 0;
      for (const requests of accounts.values()) {
        const first = requests.findIndex((r) => r.status === 109 || r.status === 116);
        if (first < 0) continue;
        met += 1;
        const later = requests.slice(first + 1);
        after += later.length;
        // Pages, popups and alarms send nothing more today; a press of "refresh" always goes out.
        expect(later.filter((r) => r.cause !== 'manual')).toEqual([]);
      }
      const onLimitedKeys = withLimits.requests.filter((r) => limited(r.key));
      const accountsOnLimited = new Set(onLimitedKeys.map((r) => `${r.browser}:${r.accountId}`)).size;
      expect(met).toBe(accountsOnLimited);
      expect(withLimits.retries).toHaveLength(met);
      const midnight = nextCstMidnight(DAY_START);
      for (const retry of withLimits.retries) {
        expect(retry.at).toBeGreaterThanOrEqual(midnight + 5 * MINUTE);
        expect(retry.at).toBeLessThan(midnight + 35 * MINUTE);
      }
      const retries = perMinute(withLimits.retries.filter((r) => r.key === groupKey()).map((r) => r.at!));
      const busiest = Math.max(...retries.values());
      // The group's accounts try again over 30 minutes: near the even share, never all in one minute.
      expect(busiest).toBeLessThanOrEqual(Math.max(5, Math.ceil((3 * browsers) / 30)));
      figures.push(
        `daily limit: ${met} accounts met one (group key 116 at 14:00, one department's 109 at 11:00); ${after} requests after it, all from a press of "refresh" (${round(after / met, 2)} an account); their retries 00:05–00:35, the group key's busiest minute ${busiest}`,
      );
    });

    it('a daily limit on one account does not delay the other accounts of the same browser', () => {
      const others = (run: FleetRun) =>
        run.requests.filter((r) => !limited(r.key)).map(({ at, browser, accountId, cause }) => [at, browser, accountId, cause]);
      const unaffected = others(withLimits);
      // Every browser has an account on the group's key: each of them has two others, asked exactly as without the limit.
      expect(new Set(unaffected.map(([, browser]) => browser)).size).toBe(browsers);
      expect(unaffected).toEqual(others(withoutLimits));
      figures.push(
        `the ${unaffected.length} requests of the accounts on keys with no limit are the same, at the same moments, as in a day without limits`,
      );
    });

    it('one manual refresh sends exactly one request per account, on each of its company keys', () => {
      expect(withLimits.manual.length).toBeGreaterThan(browsers);
      for (const refresh of withLimits.manual) expect([...refresh.sent].sort()).toEqual([...refresh.keys].sort());
      figures.push(`${withLimits.manual.length} manual refreshes, each sent 3 requests, one per account`);
      // The figures, for the README.
      console.log(figures.join('\n'));
    });
  });
}
