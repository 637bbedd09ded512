// Review 24: an account error episode's id carries its class and code ("error:credentials:107"). When the account moves
// from one key-pair/account error to another (107 wrong SecretKey → 112 account expired) the first episode "ends" and
// the group reads "查询已恢复正常" (queries back to normal) although the account is still failing.
import { describe, expect, it } from 'vitest';
import { nextTeamMessages } from '@/utils/team/team-episodes';
import type { Destination } from '@/utils/team/destination';
import type { QuotaState } from '@/utils/qcc/quota-types';
import type { CurrentView } from '@/utils/storage';
import { EPISODE_ACCOUNT, episodeView } from './team-builders';
import { apiError, moduleQuota } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const ROBOT: Destination = { id: 'r', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/C', recovery: true };
const account = EPISODE_ACCOUNT;
const view = episodeView;
const failing = (code: number): QuotaState => ({
  snapshot: { key: account.key, modules: [moduleQuota('radar_id', 100, 10, 100)], fetchedAt: NOW },
  error: apiError(code, account.key),
});
let n = 0;
const step = (views: CurrentView[], memory: Record<string, string[]> = {}) =>
  nextTeamMessages({ views, destinations: [ROBOT], memory, outbox: [], now: NOW, newId: () => `m${++n}` });

describe('one error after another', () => {
  it('107 then 112: no "查询已恢复正常" while the account still fails', () => {
    const first = step([view(failing(107))]);
    expect(first.outbox.map((e) => e.type)).toEqual(['start']);
    const second = step([view(failing(112))], first.memory);
    const texts = second.outbox.map((e) => `${e.type}: ${e.text}`);
    expect(texts.filter((text) => text.includes('恢复正常'))).toEqual([]);
  });
});
