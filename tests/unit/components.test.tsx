import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CredentialsForm } from '@/components/CredentialsForm';
import { ForgetKey } from '@/components/ForgetKey';
import { QuotaCard } from '@/components/QuotaCard';
import { SettingsForm } from '@/components/SettingsForm';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS } from '@/utils/settings';
import { moduleQuota as module } from './builders';
import { useLocale } from './setup';

afterEach(cleanup);
const type = (input: HTMLElement, value: string) => fireEvent.input(input, { target: { value } });
const commit = (input: HTMLElement, value: string) => {
  type(input, value);
  fireEvent.change(input, { target: { value } });
};

describe('QuotaCard', () => {
  it('says "not purchased" for total 0 and never low', () => {
    render(<QuotaCard module={module('bene_id', 0, 0, 0)} settings={DEFAULT_SETTINGS} />);
    const card = screen.getByRole('region', { name: /股权穿透/ });
    expect(card.textContent).toContain('未购买');
    expect(card.textContent).not.toContain('额度不足');
  });

  it('shows an unknown module with its raw id', () => {
    useLocale('en');
    render(<QuotaCard module={module('shell_scan_id', 10, 1, 2)} settings={DEFAULT_SETTINGS} />);
    expect(screen.getByRole('heading').textContent).toBe('shell_scan_id');
  });

  it('marks a low count in words next to it, not by colour alone, and draws consumed against total', () => {
    render(<QuotaCard module={module('radar_id', 50, 10, 5)} settings={DEFAULT_SETTINGS} />);
    const card = screen.getByRole('region', { name: /风险监控/ });
    expect(within(card).getByText('可删除').nextSibling?.textContent).toContain('额度不足');
    expect(within(card).getByText('剩余').nextSibling?.textContent).toBe('40');
    const meter = within(card).getByRole('meter');
    expect(meter.getAttribute('aria-label')).toBe('已消耗 10 / 共 50');
    expect((meter.firstChild as HTMLElement).style.width).toBe('20%');
  });

  it('marks its four counts for Element Timing, by which npm run bench times their paint', () => {
    render(<QuotaCard module={module('natural_person_id', 50, 46, 15)} settings={DEFAULT_SETTINGS} />);
    const marked = [...document.querySelectorAll('[elementtiming="quota-natural_person_id"]')].map(
      (node) => node.textContent?.match(/^\d+/)?.[0],
    );
    expect(marked).toEqual(['4', '50', '46', '15']);
  });

  it('formats large counts for the UI language', () => {
    useLocale('en');
    render(<QuotaCard module={module('radar_id', 120000, 2000, 500)} settings={DEFAULT_SETTINGS} />);
    expect(screen.getByText('Remaining').nextSibling?.textContent).toBe('118,000');
  });
});

describe('CredentialsForm', () => {
  it('refuses an empty key, spaces inside or invisible characters, at the field, and saves nothing', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<CredentialsForm saved={null} onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: '保存并测试' }));
    expect(await screen.findAllByText('请填写此项。')).toHaveLength(2);
    type(screen.getByLabelText('公司 Key'), 'abc def');
    type(screen.getByLabelText('SecretKey'), 'sec\u200bret');
    fireEvent.click(screen.getByRole('button', { name: '保存并测试' }));
    expect(await screen.findAllByText('不能包含空格或不可见字符。')).toHaveLength(2);
    expect(screen.getByLabelText('公司 Key').getAttribute('aria-invalid')).toBe('true');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('trims, warns gently about an unusual length, saves anyway, and clears the SecretKey from the page', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<CredentialsForm saved={null} onSave={onSave} />);
    type(screen.getByLabelText('公司 Key'), '  short-key  ');
    type(screen.getByLabelText('SecretKey'), ' 0123456789abcdef0123456789ABCDEF ');
    expect(screen.getAllByText(/通常是 32 位字母和数字/)).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '保存并测试' }));
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledWith({ key: 'short-key', secretKey: '0123456789abcdef0123456789ABCDEF' }));
    await vi.waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('SecretKey').value).toBe(''));
    expect(document.body.innerHTML).not.toContain('0123456789abcdef0123456789ABCDEF');
  });

  it('keeps the saved SecretKey when the field is left empty, and never shows it', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<CredentialsForm saved={{ key: 'K'.repeat(32), secretKey: 'STORED-SECRET' }} onSave={onSave} />);
    expect(document.body.innerHTML).not.toContain('STORED-SECRET');
    expect(screen.getByLabelText('SecretKey').getAttribute('placeholder')).toBe('已保存（留空则保持不变）');
    fireEvent.click(screen.getByRole('button', { name: '保存并测试' }));
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledWith({ key: 'K'.repeat(32), secretKey: 'STORED-SECRET' }));
  });

  it('shows and hides what is typed in the SecretKey field', () => {
    render(<CredentialsForm saved={null} onSave={vi.fn()} />);
    const secret = screen.getByLabelText('SecretKey');
    const toggle = screen.getByRole('button', { name: '显示密钥' });
    expect(secret.getAttribute('type')).toBe('password');
    fireEvent.click(toggle);
    expect(secret.getAttribute('type')).toBe('text');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(secret.getAttribute('type')).toBe('password');
  });
});

describe('SettingsForm', () => {
  it('validates thresholds at the field and saves valid ones per module and count', () => {
    const onChange = vi.fn();
    render(<SettingsForm settings={DEFAULT_SETTINGS} onChange={onChange} />);
    const beneRemaining = screen.getByLabelText('股权穿透 · 剩余额度 阈值');
    commit(beneRemaining, '101');
    expect(screen.getByText('请输入 0 到 100 之间的整数。')).toBeTruthy();
    commit(beneRemaining, '2.5');
    expect(onChange).not.toHaveBeenCalled();
    commit(beneRemaining, '25');
    expect(screen.queryByText('请输入 0 到 100 之间的整数。')).toBeNull();
    expect(onChange).toHaveBeenLastCalledWith({
      thresholds: { ...DEFAULT_SETTINGS.thresholds, bene_id: { ...DEFAULT_THRESHOLDS, remaining: { unit: 'percent', value: 25 } } },
    });
    const unit = screen.getByLabelText('自然人核验 · 可删除额度 阈值单位');
    fireEvent.change(unit, { target: { value: 'count' } });
    expect(onChange).toHaveBeenLastCalledWith({
      thresholds: { ...DEFAULT_SETTINGS.thresholds, natural_person_id: { ...DEFAULT_THRESHOLDS, deletable: { unit: 'count', value: 10 } } },
    });
    commit(screen.getByLabelText('风险监控 · 可删除额度 阈值'), '-1');
    expect(screen.getByText('请输入 0 到 100 之间的整数。')).toBeTruthy();
  });

  it('accepts counts above 100 but not negative or fractional ones', () => {
    const onChange = vi.fn();
    render(<SettingsForm settings={DEFAULT_SETTINGS} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('风险监控 · 剩余额度 阈值单位'), { target: { value: 'count' } });
    commit(screen.getByLabelText('风险监控 · 剩余额度 阈值'), '500');
    expect(onChange).toHaveBeenLastCalledWith({
      thresholds: { ...DEFAULT_SETTINGS.thresholds, radar_id: { ...DEFAULT_THRESHOLDS, remaining: { unit: 'count', value: 500 } } },
    });
    onChange.mockClear();
    commit(screen.getByLabelText('风险监控 · 剩余额度 阈值'), '1.5');
    expect(screen.getByText('请输入不小于 0 的整数。')).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('keeps the polling interval between 5 minutes and 24 hours', () => {
    const onChange = vi.fn();
    render(<SettingsForm settings={DEFAULT_SETTINGS} onChange={onChange} />);
    const minutes = screen.getByLabelText('自动查询间隔（分钟）');
    for (const bad of ['4', '1441', 'abc', '']) {
      commit(minutes, bad);
      expect(screen.getByText('请输入 5 到 1440 之间的整数。')).toBeTruthy();
    }
    expect(onChange).not.toHaveBeenCalled();
    commit(minutes, '60');
    expect(onChange).toHaveBeenLastCalledWith({ pollMinutes: 60 });
  });

  it('switches the badge scope and notifications', () => {
    const onChange = vi.fn();
    render(<SettingsForm settings={DEFAULT_SETTINGS} onChange={onChange} />);
    expect(screen.getByLabelText<HTMLInputElement>('仅 pro.qcc.com 标签页').checked).toBe(true);
    fireEvent.click(screen.getByLabelText('所有标签页'));
    expect(onChange).toHaveBeenLastCalledWith({ badgeScope: 'everywhere' });
    fireEvent.click(screen.getByLabelText(/发送桌面通知/));
    expect(onChange).toHaveBeenLastCalledWith({ notifications: false });
  });
});

describe('ForgetKey', () => {
  it('asks for confirmation before forgetting, and can be cancelled', () => {
    const onForget = vi.fn(async () => undefined);
    render(<ForgetKey onForget={onForget} />);
    fireEvent.click(screen.getByRole('button', { name: '忘记此 Key' }));
    expect(screen.getByText(/此操作不能撤销/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(onForget).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '忘记此 Key' }));
    fireEvent.click(screen.getByRole('button', { name: '确认删除' }));
    expect(onForget).toHaveBeenCalledTimes(1);
  });
});
