// Issue 18, item 2 / README: half a key pair from the policy deletes nothing ("the data stays as it is, ready when the
// policy is whole again"); the managed key's alert memory is part of what only a confirmed removal deletes. Before the
// fix the memory went as soon as the policy named half the pair, and the same low crossing was announced again.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MANAGED_KEY as M, MANAGED_PAIR as PAIR, radarAnswer, settle, workerTestbed } from './builders';
import { DING, ok } from './team-builders';
import { policyBecomes, refreshNow, startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const bed = workerTestbed(NOW);

describe('the policy’s SecretKey missing for a while', () => {
  it('announces a low crossing once, not again when the policy is whole again with the same numbers', async () => {
    // Risk monitoring is low (2 of 50 left), and stays so.
    bed.fetch.mockImplementation(async () => radarAnswer(48));
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await startWorkerWithPolicy(PAIR);
    await refreshNow();
    expect(create).toHaveBeenCalledTimes(1);
    // The SecretKey goes missing (reported by the browser), then comes back.
    await policyBecomes({ companyKey: M });
    await fakeBrowser.storage.managed.set(PAIR);
    await settle();
    await refreshNow();
    expect(create, 'notifications for the one low crossing').toHaveBeenCalledTimes(1);
  });

  it('tells the team’s robot of a low crossing once, not again when the policy is whole again with the same numbers', async () => {
    bed.fetch.mockImplementation(async (input) => ((input as string).includes('dingtalk') ? ok() : radarAnswer(48)));
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    await fakeBrowser.storage.local.set({ teamDestinations: [{ ...DING, recovery: false }] });
    const robot = () => bed.fetch.mock.calls.filter(([input]) => (input as string).includes('dingtalk')).length;
    await startWorkerWithPolicy(PAIR);
    await refreshNow();
    expect(robot()).toBe(1);
    await policyBecomes({ companyKey: M });
    await fakeBrowser.storage.managed.set(PAIR);
    await settle();
    await refreshNow();
    expect(robot(), 'messages to the robot for the one low crossing').toBe(1);
  });
});
