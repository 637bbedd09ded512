// npm run simulate -- --days 100000 [--seed N] [--quick]: the simulated world (tests/sim/) for as many days as asked,
// on new random worlds unless a seed is given. A failure prints the seed and the shrunk schedule (--quick: the first failing one, unshrunk).
// npm run simulate -- --fleet [--browsers 500]: the fleet of browsers with three accounts each (tests/sim/fleet.test.ts).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '10000' },
    seed: { type: 'string', default: 'random' },
    quick: { type: 'boolean', default: false },
    fleet: { type: 'boolean', default: false },
    browsers: { type: 'string', default: '500' },
  },
});
const file = values.fleet ? 'tests/sim/fleet.test.ts' : 'tests/sim/simulation.test.ts';
const result = spawnSync('npx', ['vitest', 'run', '--project', 'sim', file], {
  stdio: 'inherit',
  env: {
    ...process.env,
    SIM_DAYS: values.days,
    SIM_SEED: values.seed,
    SIM_SHRINK: values.quick ? '0' : '1',
    SIM_FLEET: values.browsers,
  },
});
process.exit(result.status ?? 1);
