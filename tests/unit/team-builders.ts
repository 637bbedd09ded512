// The team alerts tests' builders: account A, two robots, a team over the fake browser, and an account's view for the
// pure episode decisions.
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { createTeamAlerts } from '@/utils/team/team-alerts';
import { nextTeamMessages } from '@/utils/team/team-episodes';
import type { OutboxEntry } from '@/utils/team/outbox';
import type { Destination } from '@/utils/team/destination';
import type { QuotaState } from '@/utils/qcc/quota-types';
import type { CurrentView } from '@/utils/storage';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import { moduleQuota } from './builders';

export const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
export const A = { id: 'acct-a', name: '总部', key: 'KEYA0123456789ABCDEF0123456789AB', secretKey: 'SECRETA0123456789ABCDEF012345678' };
export const DING: Destination = {
  id: 'ding',
  kind: 'dingtalk',
  url: 'https://oapi.dingtalk.com/robot/send?access_token=tok3f9a',
  secret: 'SECdingsecret',
  recovery: true,
};
export const WECOM: Destination = {
  id: 'wecom',
  kind: 'wecom',
  url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wk77',
  recovery: true,
};
export const ok = () => new Response('{"errcode":0,"errmsg":"ok"}');

export async function world(remaining: number, destinations: Destination[] = [DING, WECOM]) {
  await saveAccount(A);
  const quota = { snapshot: { key: A.key, modules: [moduleQuota('radar_id', 100, 100 - remaining, 100)], fetchedAt: NOW }, error: null };
  await fakeBrowser.storage.local.set({
    accountStates: { [A.id]: { quota, retry: { failures: 0, failureKey: null } } },
    quotaState: quota,
    teamDestinations: destinations,
  });
}

export function team(fetch = vi.fn(async (_url: string, _init?: RequestInit) => ok()), granted = true, now = () => NOW) {
  const asFetch = fetch as unknown as typeof globalThis.fetch;
  let n = 0;
  return { fetch, alerts: createTeamAlerts({ fetch: asFetch, now, hasPermission: async () => granted, newId: () => `e${++n}` }) };
}

export const entries = (count: number, destinationId = DING.id): OutboxEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    destinationId,
    episode: `${A.id}|low:radar_id:remaining`,
    type: 'start' as const,
    text: `message ${i}`,
    createdAt: NOW,
    attempts: 0,
    notBefore: NOW,
  }));

/** The account of the pure episode tests, and its view with a given quota state. */
export const EPISODE_ACCOUNT = { id: 'a1', name: '总部', key: 'KEYA', secretKey: 'S', managed: false };
export const episodeView = (state: QuotaState): CurrentView => ({
  key: EPISODE_ACCOUNT.key,
  account: EPISODE_ACCOUNT,
  managed: false,
  unconfigured: false,
  state,
  settings: DEFAULT_SETTINGS,
  alertMemory: { key: null, low: [], error: null },
  summary: null,
});

/** A Slack robot that announces recoveries (for the pure episode tests). */
export const SLACK: Destination = { id: 'r', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/C', recovery: true };

/** Risk monitoring with `used` of 100 consumed, on `key` (the episode account's by default). */
export const radarUsed = (used: number, key = EPISODE_ACCOUNT.key): QuotaState => ({
  snapshot: { key, modules: [moduleQuota('radar_id', 100, used, 100)], fetchedAt: NOW },
  error: null,
});

/** The episode account's numbers seen by another account on its company key (the policy's, `mk1`, by default). */
export const episodeViewAs = (state: QuotaState, id = 'mk1'): CurrentView => ({
  ...episodeView(state),
  account: { ...EPISODE_ACCOUNT, id, managed: true },
  managed: true,
});

/** The episode account after the user edited its company key to `key`. */
export const episodeViewOnKey = (state: QuotaState, key: string): CurrentView => ({
  ...episodeView(state),
  key,
  account: { ...EPISODE_ACCOUNT, key },
});

/** Steps of the team's messages to one robot, at NOW, with message ids m1, m2 … */
export function teamSteps(destination: Destination) {
  let n = 0;
  return (views: CurrentView[], keyIds: Record<string, string>, memory: Record<string, string[]>, outbox: OutboxEntry[] = []) =>
    nextTeamMessages({ views, keyIds, destinations: [destination], memory, outbox, now: NOW, newId: () => `m${++n}` });
}
