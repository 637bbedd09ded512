// Which messages a change calls for, per robot (pure): starts, ends, episodes that ended before their message went out,
// what a view cannot decide, removed accounts.
import { describe, expect, it } from 'vitest';
import { nextTeamMessages } from '@/utils/team/team-episodes';
import type { Destination } from '@/utils/team/destination';
import type { QuotaState } from '@/utils/qcc/quota-types';
import type { CurrentView } from '@/utils/storage';
import { EPISODE_ACCOUNT, episodeView } from './team-builders';
import { moduleQuota } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const ROBOT: Destination = { id: 'r', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/C', recovery: true };
const account = EPISODE_ACCOUNT;
const view = episodeView;
const LOW_ID = 'a1|low:radar_id:remaining';
const remaining = (left: number): QuotaState => ({
  snapshot: { key: account.key, modules: [moduleQuota('radar_id', 100, 100 - left, 100)], fetchedAt: NOW },
  error: null,
});
let n = 0;
const step = (
  views: CurrentView[],
  memory: Record<string, string[]> = {},
  outbox: ReturnType<typeof nextTeamMessages>['outbox'] = [],
  keyIds: Record<string, string> = {},
) => nextTeamMessages({ views, keyIds, destinations: [ROBOT], memory, outbox, now: NOW, newId: () => `m${++n}` });

describe('the team’s messages, per robot', () => {
  it('a low starts an episode: one message, remembered', () => {
    const next = step([view(remaining(5))]);
    expect(next.memory).toEqual({ r: [LOW_ID] });
    expect(next.outbox.map((e) => [e.type, e.episode])).toEqual([['start', LOW_ID]]);
    expect(step([view(remaining(4))], next.memory).outbox).toEqual([]);
  });

  it('an episode that ended before its message went out is dropped with it, and nothing is taken back', () => {
    const low = step([view(remaining(5))]);
    const ended = step([view(remaining(80))], low.memory, low.outbox);
    expect(ended.outbox).toEqual([]);
    expect(ended.memory).toEqual({ r: [] });
  });

  it('an episode that ended after its message went out sends "back to normal"', () => {
    const low = step([view(remaining(5))]);
    const ended = step([view(remaining(80))], low.memory, []);
    expect(ended.outbox.map((e) => [e.type, e.episode])).toEqual([['end', LOW_ID]]);
    expect(ended.outbox[0]?.text).toContain('已恢复正常');
  });

  it('a module missing from an answer, or a passing failure, ends nothing', () => {
    const low = step([view(remaining(5))]);
    const missing = step([view({ snapshot: { key: account.key, modules: [], fetchedAt: NOW }, error: null })], low.memory, []);
    expect(missing.memory).toEqual(low.memory);
    expect(missing.outbox).toEqual([]);
    const timeout = { key: account.key, failure: { kind: 'timeout' as const }, at: NOW, nextAttemptAt: NOW + 60_000 };
    expect(step([view({ snapshot: null, error: timeout })], low.memory, []).outbox).toEqual([]);
  });

  it('a key-pair error is an episode with its code and fix; a good answer ends it', () => {
    const error = { key: account.key, failure: { kind: 'api' as const, code: 101, msg: '' }, at: NOW, nextAttemptAt: null };
    const failing = step([view({ snapshot: null, error })]);
    expect(failing.outbox[0]?.episode).toBe('a1|error');
    expect(failing.outbox[0]?.text).toMatch(/错误 101/);
    const good = step([view(remaining(80))], failing.memory, []);
    expect(good.outbox.map((e) => e.type)).toEqual(['end']);
  });

  it('a removed account’s messages and memory go, with no "back to normal"', () => {
    const low = step([view(remaining(5))]);
    const removed = step([], low.memory, low.outbox);
    expect(removed).toEqual({ memory: { r: [] }, outbox: [] });
  });

  it('an account that exists but is not watched for a while (set aside, or named in half) keeps its messages and memory', () => {
    const low = step([view(remaining(5))]);
    const aside = step([], low.memory, low.outbox, { [account.id]: 'k1' });
    expect(aside).toEqual({ memory: { r: [`${LOW_ID}#k1`] }, outbox: low.outbox.map((entry) => ({ ...entry, keyId: 'k1' })) });
    // Watched again with the same numbers: nothing is sent again.
    expect(step([view(remaining(5))], aside.memory, [], { [account.id]: 'k1' }).outbox).toEqual([]);
  });

  it('the policy’s account on the same company key takes over what the user’s own was told: not told again, ended once', () => {
    const keyIds = { [account.id]: 'k1', m1: 'k1' };
    const low = step([view(remaining(5))], {}, [], keyIds);
    const managed = (state: QuotaState): CurrentView => ({
      ...view(state),
      account: { ...account, id: 'm1', managed: true },
      managed: true,
    });
    const taken = step([managed(remaining(5))], low.memory, [], keyIds);
    expect(taken).toEqual({ memory: { r: ['m1|low:radar_id:remaining#k1'] }, outbox: [] });
    const ended = step([managed(remaining(80))], taken.memory, [], keyIds);
    expect(ended.outbox.map((e) => [e.type, e.episode])).toEqual([['end', 'm1|low:radar_id:remaining']]);
    // Another key's account is no twin: its own low is told.
    const other = step([managed(remaining(5))], low.memory, [], { ...keyIds, m1: 'k2' });
    expect(other.outbox.map((e) => [e.type, e.episode])).toEqual([['start', 'm1|low:radar_id:remaining']]);
  });
});
