// npm run simulate -- --days 100000 [--seed N] [--quick]: the simulated world (tests/sim/) for as many days as asked,
// on new random worlds unless a seed is given. A failure prints the seed and the shrunk schedule (--quick: the first failing one, unshrunk).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '10000' },
    seed: { type: 'string', default: 'random' },
    quick: { type: 'boolean', default: false },
  },
});
const result = spawnSync('npx', ['vitest', 'run', '--project', 'sim', 'tests/sim/simulation.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SIM_DAYS: values.days, SIM_SEED: values.seed, SIM_SHRINK: values.quick ? '0' : '1' },
});
process.exit(result.status ?? 1);
