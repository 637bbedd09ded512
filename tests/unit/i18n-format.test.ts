import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatAge, formatWhen } from '@/utils/i18n';
import { useLocale } from './setup';

describe('dates for people', () => {
  afterEach(() => vi.unstubAllEnvs());
  const at = (h: number, m: number, dayDelta = 0) => new Date(2026, 10, 29 + dayDelta, h, m).getTime();

  it('says how old the data is in zh_CN', () => {
    vi.stubEnv('TZ', 'Asia/Shanghai');
    const now = at(18, 0);
    expect(formatAge(now - 20_000, now)).toBe('刚刚');
    expect(formatAge(now - 5 * 60_000, now)).toBe('5分钟前');
    expect(formatAge(at(16, 3), now)).toBe('今天 16:03');
    expect(formatAge(at(17, 3, -1), now)).toBe('昨天 17:03');
    expect(formatWhen(at(0, 0, 1), now)).toBe('明天 00:00');
  });

  it('and in en', () => {
    useLocale('en');
    const now = at(18, 0);
    expect(formatAge(now - 12 * 60_000, now)).toBe('12 minutes ago');
    expect(formatAge(at(17, 3, -1), now)).toBe('yesterday 05:03 PM');
  });
});
