// 500 browsers × 3 accounts around the real monitor (tests/sim/fleet.ts), the figures of the README's table; SIM_FLEET
// sets another number of browsers (npm run simulate -- --fleet [--browsers N]). About a minute and a half.
import { fleetSuite } from './fleet-checks';

fleetSuite(Number(process.env.SIM_FLEET ?? 500), 600_000);
