// The simulated world under fast-check: many seeds, many days, every invariant after every step (tests/sim/world.ts).
// SIM_DAYS sets how many days in all (npm run simulate -- --days 100000); a failure prints its seed and the shrunk
// schedule, which then becomes an example in tests/sim/examples.test.ts.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { scenario } from './scenarios';
import { runWorld, type Figures } from './world';

const DAYS_PER_RUN = 10;
const TOTAL_DAYS = Number(process.env.SIM_DAYS ?? 1000);
const totals: Figures = { days: 0, requests: 0, events: {}, checks: 0, workerStarts: 0 };

describe('the simulated world', () => {
  afterAll(() => {
    const events = Object.entries(totals.events)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    console.log(
      `simulated ${totals.days} days: ${totals.requests} requests, ${totals.checks} checks of every invariant, ${totals.workerStarts} worker starts; events: ${events}`,
    );
  });

  it(`keeps every invariant over ${TOTAL_DAYS} simulated days`, { timeout: Math.max(600_000, TOTAL_DAYS * 1000) }, async () => {
    await fc.assert(
      fc.asyncProperty(scenario(DAYS_PER_RUN, 40), async (world) => {
        const started = performance.now();
        const figures = await runWorld(world);
        if (process.env.SIM_DEBUG_TIME)
          process.stdout.write(
            `run: poll ${world.pollMinutes}, ${world.events.length} events, ${figures.checks} checks, ${(performance.now() - started).toFixed(0)} ms\n`,
          );
        totals.days += figures.days;
        totals.requests += figures.requests;
        totals.checks += figures.checks;
        totals.workerStarts += figures.workerStarts;
        for (const [kind, n] of Object.entries(figures.events)) totals.events[kind] = (totals.events[kind] ?? 0) + n;
      }),
      {
        numRuns: Math.ceil(TOTAL_DAYS / DAYS_PER_RUN),
        // npm test walks the same worlds every time; npm run simulate draws new ones (SIM_SEED=random).
        seed: process.env.SIM_SEED === 'random' ? Date.now() : Number(process.env.SIM_SEED ?? 20261130),
        // A failure is shrunk to its shortest schedule (SIM_SHRINK=0 stops at the first one, for a quick look).
        endOnFailure: process.env.SIM_SHRINK === '0',
      },
    );
    expect(totals.days).toBeGreaterThanOrEqual(TOTAL_DAYS);
  });
});
