// The schedules fast-check draws for the simulated world (tests/sim/world.ts).
import fc from 'fast-check';
import type { Scenario, SimEvent } from './world';

const minutes = (max: number) => fc.integer({ min: 1, max });

export const simEvent: fc.Arbitrary<SimEvent> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constantFrom('network' as const, '5xx' as const, 'hang' as const), minutes: minutes(600) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('daily-limit' as const),
      code: fc.constantFrom(109 as const, 116 as const),
      minutesBefore: fc.integer({ min: 0, max: 300 }),
      // After 00:00 a limit that still holds for two hours is the new day's (README): the stand-in's ends before.
      minutesAfter: fc.integer({ min: 0, max: 100 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('clock-jump' as const), hours: fc.integer({ min: -12, max: 12 }).filter((h) => h !== 0) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('popups' as const), count: fc.integer({ min: 1, max: 4 }), manual: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('save-pair' as const), pair: fc.constantFrom('A' as const, 'B' as const, 'WRONG' as const) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('import' as const), readings: fc.integer({ min: 1, max: 30 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('policy' as const),
      change: fc.constantFrom('set' as const, 'new-secret' as const, 'other-key' as const, 'half' as const, 'remove' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('policy-read' as const), answer: fc.constantFrom('empty-once' as const, 'never' as const) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('worker-stop' as const), afterAwaits: fc.integer({ min: 1, max: 80 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('browser-restart' as const),
      alarmsKept: fc.boolean(),
      closedMinutes: fc.integer({ min: 0, max: 24 * 60 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('vendor' as const),
      change: fc.constantFrom('purchase' as const, 'deletion' as const, 'heavy-use' as const),
    }),
  },
);

/** `days` simulated days with up to `maxEvents` events at random minutes. */
export const scenario = (days: number, maxEvents: number): fc.Arbitrary<Scenario> =>
  fc.record({
    seed: fc.integer(),
    days: fc.constant(days),
    pollMinutes: fc.constantFrom(5, 15, 30, 60, 240),
    notifications: fc.boolean(),
    events: fc.array(fc.record({ at: fc.integer({ min: 0, max: days * 24 * 60 }), event: simEvent }), {
      minLength: Math.floor(maxEvents / 3),
      maxLength: maxEvents,
    }),
  });
