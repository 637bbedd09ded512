// The popup's one line about the team alerts (issue 24, item 4): a robot that refuses them, or lost its site access,
// shows after the first paint (not read for it), linking to the settings page.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '@/components/popup/PopupApp';
import { FIRST_PAINT_KEYS } from '@/utils/storage';
import type { Destination } from '@/utils/team/destination';
import { quotaState, storedState } from './builders';
import { useLocale } from './setup';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const CREDENTIALS = { key: 'K', secretKey: 'S' };
const ROBOTS: Destination[] = [
  { id: 'team-1', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1', recovery: true },
  { id: 'team-2', kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t-2', recovery: true },
];

async function open(teamStatus: Record<string, unknown>) {
  await fakeBrowser.storage.local.set({ teamDestinations: ROBOTS, teamStatus });
  vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame'] });
  render(<PopupApp initial={storedState({ credentials: CREDENTIALS, state: quotaState() })} />);
}

/** The first frame, then the task after it. */
const paint = () => {
  vi.advanceTimersToNextFrame();
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
};

describe('the popup’s team alerts line', () => {
  it('names the refusing robot and its code after the first paint, linking to the settings page', async () => {
    await open({ 'team-2': { refused: { reason: 'keyword-sign-ip', code: '310000', detail: '', at: 1 } } });
    // The first paint has no line, and the team's keys are not read for it (nor are they first-paint keys).
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(screen.queryByText(/团队提醒/)).toBeNull();
    expect(JSON.stringify(reads.mock.calls)).not.toContain('team');
    expect(FIRST_PAINT_KEYS).not.toContain('teamStatus');
    paint();
    await vi.waitFor(() => expect(JSON.stringify(reads.mock.calls)).toContain('teamStatus'));
    const link = await screen.findByRole('link', { name: '团队提醒：钉钉 机器人拒绝了消息（310000）' });
    expect(link.getAttribute('href')).toBe('/options.html');
  });

  it('says a robot lost its site access, in both languages', async () => {
    await open({ 'team-1': { noPermission: true } });
    paint();
    expect(await screen.findByText('团队提醒：企业微信 的网站访问权限已被收回')).toBeTruthy();
    cleanup();
    useLocale('en');
    await open({ 'team-1': { noPermission: true } });
    paint();
    expect(await screen.findByText('Team alerts: site access to WeCom was taken away')).toBeTruthy();
  });

  it('shows nothing while every robot works', async () => {
    await open({ 'team-1': { lastOk: 1, sent: [1] } });
    paint();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.queryByText(/团队提醒/)).toBeNull();
  });
});
