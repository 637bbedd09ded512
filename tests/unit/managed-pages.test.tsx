import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OptionsApp } from '@/components/settings/OptionsApp';
import { PopupApp } from '@/components/popup/PopupApp';
import { checkPolicy } from '@/utils/settings/policy';
import { apiError, quotaState, storedState } from './builders';
import { useLocale } from './setup';

afterEach(cleanup);

const PAIR = { companyKey: 'KEY1', secretKey: 'TOPSECRET1' };
const textbox = (name: string) => screen.getByRole('textbox', { name });

describe('the settings page of a managed install', () => {
  it('shows the policy’s key, never its SecretKey, with nothing to save or forget', () => {
    render(<OptionsApp initial={storedState({ policy: checkPolicy(PAIR), state: quotaState(undefined, null, 'KEY1') })} />);
    const key = textbox('公司 Key') as HTMLInputElement;
    expect(key.value).toBe('KEY1');
    expect(key.disabled).toBe(true);
    expect(document.body.textContent).toContain('由管理员设置');
    expect(document.body.innerHTML).not.toContain('TOPSECRET1');
    expect(screen.queryByLabelText('SecretKey')).toBeNull();
    expect(screen.queryByRole('button', { name: /保存/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /删除此 Key|忘记/ })).toBeNull();
    // The numbers of the administrator's pair show that it works.
    expect([...document.querySelectorAll('[data-module]')].map((card) => card.getAttribute('data-module'))).toEqual([
      'radar_id',
      'bene_id',
      'natural_person_id',
    ]);
    cleanup();
    useLocale('en');
    render(<OptionsApp initial={storedState({ policy: checkPolicy(PAIR) })} />);
    expect(document.getElementById('key-admin')?.textContent).toBe('Set by your administrator');
    expect(document.getElementById('secret-admin')?.textContent).toBe('Set by your administrator');
  });

  it('marks the values the policy sets, locks the rest with lockSettings, and leaves them editable without it', () => {
    const sets = { ...PAIR, pollMinutes: 60, thresholds: { bene_id: { remaining: { unit: 'count', value: 99 } } } };
    const { unmount } = render(<OptionsApp initial={storedState({ policy: checkPolicy(sets) })} />);
    const interval = textbox('自动查询间隔（分钟）') as HTMLInputElement;
    expect(interval.value).toBe('60');
    expect(interval.disabled).toBe(true);
    expect(interval.getAttribute('aria-describedby')).toContain('poll-minutes-admin');
    expect(document.getElementById('poll-minutes-admin')?.textContent).toBe('由管理员设置');
    const beneRemaining = textbox('股权穿透 · 剩余额度 阈值') as HTMLInputElement;
    expect([beneRemaining.value, beneRemaining.disabled]).toEqual(['99', true]);
    expect((textbox('风险监控 · 剩余额度 阈值') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /桌面通知/ }).disabled).toBe(false);
    unmount();

    render(<OptionsApp initial={storedState({ policy: checkPolicy({ ...sets, lockSettings: true }) })} />);
    // The lock is the first thing under the title, and every locked field has its own mark.
    const lock = screen.getByRole('note');
    expect(lock.textContent).toContain('管理员锁定了本页的设置');
    expect(document.querySelector('main > h1')?.nextElementSibling).toBe(lock);
    expect(document.getElementById('threshold-radar_id-remaining-admin')?.textContent).toBe('由管理员锁定');
    expect(document.getElementById('threshold-bene_id-remaining-admin')?.textContent).toBe('由管理员设置');
    expect(document.getElementById('notifications-admin')?.textContent).toBe('由管理员锁定');
    expect(textbox('风险监控 · 剩余额度 阈值').getAttribute('aria-describedby')).toBe('threshold-radar_id-remaining-admin');
    expect((textbox('风险监控 · 剩余额度 阈值') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /桌面通知/ }).disabled).toBe(true);
    expect(screen.getAllByRole('radio').every((radio) => (radio as HTMLInputElement).disabled)).toBe(true);
  });

  it('with half a key pair says it is not configured and whom to ask, in both languages', () => {
    render(<OptionsApp initial={storedState({ policy: checkPolicy({ companyKey: 'KEY1' }) })} />);
    const alert = screen.getAllByRole('alert').find((a) => a.textContent.includes('未配置'));
    expect(alert?.textContent).toContain('未配置：请联系管理员');
    expect(alert?.textContent).toContain('管理员的策略设置了 公司 Key，但没有设置 SecretKey');
    cleanup();
    useLocale('en');
    render(<PopupApp initial={storedState({ policy: checkPolicy({ secretKey: 'TOPSECRET1' }) })} />);
    expect(screen.getByRole('heading').textContent).toBe('Not configured: contact your administrator');
    expect(document.body.textContent).toContain('sets the SecretKey but not the Company key');
    expect(document.body.innerHTML).not.toContain('TOPSECRET1');
    expect(screen.queryByRole('button', { name: 'Open settings' })).toBeNull();
  });

  it('says a refused key pair is for the administrator to fix, with no button to fix it here', () => {
    const state = quotaState(undefined, apiError(107, 'KEY1'), 'KEY1');
    render(<PopupApp initial={storedState({ policy: checkPolicy(PAIR), state })} />);
    const banner = within(screen.getByRole('alert'));
    expect(banner.getByText('密钥由管理员设置：请联系管理员。')).toBeTruthy();
    expect(banner.getByText('自动查询已暂停，直到管理员设置新的密钥，或您手动刷新。')).toBeTruthy();
    expect(banner.queryByRole('button')).toBeNull();
    cleanup();
    // The same answer with the user's own pair: theirs to fix.
    render(<PopupApp initial={storedState({ credentials: { key: 'KEY1', secretKey: 'S' }, state })} />);
    expect(within(screen.getByRole('alert')).getByRole('button', { name: '打开设置' })).toBeTruthy();
  });

  it('lists policy values that could not be used, for IT to fix', () => {
    render(<OptionsApp initial={storedState({ policy: checkPolicy({ pollMinutes: 1, badgeScope: 'x' }) })} />);
    expect(screen.getByText('管理员策略中的这些值无效，已忽略：pollMinutes, badgeScope。请联系管理员。')).toBeTruthy();
  });
});
