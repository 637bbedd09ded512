// Schedules with which the simulated world once broke an invariant, each kept as an example after its fix
// (tests/sim/examples/*.json, named for what went wrong). SIM_SCENARIO=<file> runs one more, for debugging.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { runWorld, type Scenario } from './world';

const DIR = join(import.meta.dirname, 'examples');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Scenario;
const examples = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name.replace(/\.json$/, '').replaceAll('-', ' '), join(DIR, name)] as const);
const extra = process.env.SIM_SCENARIO;

describe('examples the simulated world found', () => {
  it.each(examples)('%s', async (_name, file) => {
    await runWorld(read(file));
  });

  // Defined only when asked for (debugging), so that a normal run reports nothing skipped.
  if (extra !== undefined && existsSync(extra)) {
    it('the scenario in SIM_SCENARIO', async () => {
      await runWorld(read(extra));
    });
  }
});
