// README "When data is deleted": while the policy is half "what was announced to them and to the team" stays,
// "nothing is announced again when the policy is whole". The team's memory is kept per account id
// (team-episodes.ts: `m<keyId>|low:radar_id` vs `own-m|low:radar_id`) with no carry-over by company key, unlike the
// desktop alert memory (alertMemoriesOf): when the user's own account on the policy's key watched during the half
// period and told the robot, the policy's account tells it again once whole.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { MANAGED_KEY as M, MANAGED_PAIR as PAIR, radarAnswer, settle, workerTestbed } from './builders';
import { DING, ok } from './team-builders';
import { policyBecomes, refreshNow, startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const bed = workerTestbed(NOW);

describe('whole → half → whole single pair, with the user’s own account on the same key', () => {
  it('tells the team’s robot of one low crossing once', async () => {
    let consumed = 2;
    bed.fetch.mockImplementation(async (input) => ((input as string).includes('dingtalk') ? ok() : radarAnswer(consumed)));
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    await fakeBrowser.storage.local.set({ teamDestinations: [{ ...DING, recovery: false }] });
    const robot = () => bed.fetch.mock.calls.filter(([input]) => (input as string).includes('dingtalk')).length;
    await startWorkerWithPolicy(PAIR);
    await refreshNow();
    await policyBecomes({ companyKey: M });
    await saveAccount({ id: 'own-m', name: '', key: M, secretKey: 'OWNSECRETMMMM' });
    await settle();
    consumed = 48;
    await refreshNow();
    expect(robot()).toBe(1);
    await fakeBrowser.storage.managed.set(PAIR);
    await settle();
    await refreshNow();
    expect(robot(), 'messages to the robot for the one low crossing').toBe(1);
  });
});
