// Review 24: lockSettings locks the robots (no 删除, no 添加, the box disabled). But "Forget this key" is still offered
// (one own account, no managed pair) with its "同时删除团队提醒" box: ticking it removes the locked robots.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/settings/OptionsApp';
import { checkPolicy } from '@/utils/settings/policy';
import type { Destination } from '@/utils/team/destination';
import { storedState } from './builders';

const ROBOT: Destination = {
  id: 'team-1',
  kind: 'dingtalk',
  url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123',
  recovery: true,
};
const CREDENTIALS = { key: 'A'.repeat(32), secretKey: 'a'.repeat(32) };
let sent: unknown[] = [];

beforeEach(() => {
  sent = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => void sent.push(message));
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('lockSettings and Forget’s box', () => {
  it('the locked robots cannot be removed through "Forget this key"', async () => {
    const policy = checkPolicy({ lockSettings: true });
    const stored = { teamDestinations: [ROBOT] };
    await fakeBrowser.storage.local.set({ credentials: CREDENTIALS, ...stored, policy });
    render(<OptionsApp initial={storedState({ credentials: CREDENTIALS, policy, extra: stored })} />);
    fireEvent.click(await screen.findByRole('button', { name: '忘记此 Key' }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const box = screen.queryByLabelText<HTMLInputElement>('同时删除团队提醒');
    if (box) {
      fireEvent.click(box);
      fireEvent.click(screen.getByRole('button', { name: '确认删除' }));
      await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    }
    // Nothing asks the worker to remove the robots the administrator locked.
    expect(sent).not.toContainEqual({ type: 'forget', teamAlerts: true });
  });
});
