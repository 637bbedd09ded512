import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CredentialsForm } from '@/components/settings/CredentialsForm';
import { ForgetKey } from '@/components/settings/ForgetKey';
import { QuotaCard } from '@/components/QuotaCard';
import { SettingsForm } from '@/components/settings/SettingsForm';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS, type SettingsUpdate } from '@/utils/settings/settings';
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
  const formProps = { savedWorks: false, onTest: vi.fn(), onFix: vi.fn() };

  it('refuses an empty key, spaces inside or invisible characters, at the field, and saves nothing', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<CredentialsForm {...formProps} saved={null} onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: '保存并测试' }));
    expect(await screen.findAllByText('请填写此项。')).toHaveLength(2);
    type(screen.getByLabelText('公司 Key'), 'abc def');
    type(screen.getByLabelText('SecretKey'), 'sec\u200bret');
    fireEvent.click(screen.getByRole('button', { name: '保存并测试' }));
    expect(await screen.findAllByText('不能包含空格或不可见字符。')).toHaveLength(2);
    expect(screen.getByLabelText('公司 Key').getAttribute('aria-invalid')).toBe('true');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('trims, warns gently about an unusual length, saves anyway, and clears the SecretKey once the saved pair works', async () => {
    const onSave = vi.fn(async () => undefined);
    const { rerender } = render(<CredentialsForm {...formProps} saved={null} onSave={onSave} />);
    type(screen.getByLabelText('公司 Key'), '  short-key  ');
    type(screen.getByLabelText('SecretKey'), ' 0123456789abcdef0123456789ABCDEF ');
    expect(screen.getAllByText(/通常是 32 位字母和数字/)).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '保存并测试' }));
    const saved = { key: 'short-key', secretKey: '0123456789abcdef0123456789ABCDEF' };
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledWith(saved));
    // Saved but not yet answered (or failing): the typed SecretKey stays, to be checked and fixed.
    rerender(<CredentialsForm {...formProps} saved={saved} onSave={onSave} />);
    expect(screen.getByLabelText<HTMLInputElement>('SecretKey').value).toBe(' 0123456789abcdef0123456789ABCDEF ');
    rerender(<CredentialsForm {...formProps} saved={saved} savedWorks onSave={onSave} />);
    await vi.waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('SecretKey').value).toBe(''));
    expect(document.body.innerHTML).not.toContain('0123456789abcdef0123456789ABCDEF');
  });

  it('tests a new pair before it replaces a working one, keeps a failing one as typed, and replaces only when told', async () => {
    const working = { key: 'K'.repeat(32), secretKey: 'WORKING' };
    const onSave = vi.fn(async () => undefined);
    const onTest = vi.fn(async () => ({ parsed: { ok: false as const, failure: { kind: 'api' as const, code: 107, msg: '' } } }));
    const onFix = vi.fn();
    render(<CredentialsForm saved={working} savedWorks onSave={onSave} onTest={onTest} onFix={onFix} />);
    type(screen.getByLabelText('SecretKey'), 'TYPO');
    fireEvent.click(screen.getByRole('button', { name: '保存并测试' }));
    await screen.findByText('这对 Key 测试未通过，当前保存的 Key 对仍在使用。');
    expect(onTest).toHaveBeenCalledWith({ key: 'K'.repeat(32), secretKey: 'TYPO' });
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/^107 SecretKey 可能有误/);
    expect(screen.getByLabelText<HTMLInputElement>('SecretKey').value).toBe('TYPO');
    fireEvent.click(screen.getByRole('button', { name: '修改 SecretKey' }));
    expect(onFix).toHaveBeenCalledWith('secret');
    fireEvent.click(screen.getByRole('button', { name: '仍然保存（替换当前可用的 Key 对）' }));
    expect(onSave).toHaveBeenCalledWith({ key: 'K'.repeat(32), secretKey: 'TYPO' });
  });

  it('keeps the saved SecretKey when the field is left empty, and never shows it', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<CredentialsForm {...formProps} saved={{ key: 'K'.repeat(32), secretKey: 'STORED-SECRET' }} onSave={onSave} />);
    expect(document.body.innerHTML).not.toContain('STORED-SECRET');
    expect(screen.getByLabelText('SecretKey').getAttribute('placeholder')).toBe('已保存（留空则保持不变）');
    fireEvent.click(screen.getByRole('button', { name: '保存并测试' }));
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledWith({ key: 'K'.repeat(32), secretKey: 'STORED-SECRET' }));
  });

  it('shows and hides what is typed in the SecretKey field', () => {
    render(<CredentialsForm {...formProps} saved={null} onSave={vi.fn()} />);
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
  /** The form hands out updates of the stored settings; what the last one makes of the defaults. */
  const lastSaved = (onChange: ReturnType<typeof vi.fn>) => (onChange.mock.lastCall![0] as SettingsUpdate)(DEFAULT_SETTINGS);
  const TOTALS = { radar_id: 50, bene_id: 100, natural_person_id: 50 };

  it('validates thresholds at the field and saves valid ones per module and count', () => {
    const onChange = vi.fn();
    render(<SettingsForm settings={DEFAULT_SETTINGS} totals={TOTALS} onChange={onChange} />);
    const beneRemaining = screen.getByLabelText('股权穿透 · 剩余额度 阈值');
    commit(beneRemaining, '101');
    expect(screen.getByText('请输入 0 到 100 之间的整数。')).toBeTruthy();
    commit(beneRemaining, '2.5');
    expect(onChange).not.toHaveBeenCalled();
    commit(beneRemaining, '25');
    expect(screen.queryByText('请输入 0 到 100 之间的整数。')).toBeNull();
    expect(lastSaved(onChange)).toEqual({
      thresholds: { ...DEFAULT_SETTINGS.thresholds, bene_id: { ...DEFAULT_THRESHOLDS, remaining: { unit: 'percent', value: 25 } } },
    });
    commit(screen.getByLabelText('风险监控 · 可删除额度 阈值'), '-1');
    expect(screen.getByText('请输入 0 到 100 之间的整数。')).toBeTruthy();
  });

  it('applies a change to the settings as stored when it is saved, not to a copy of the rest', () => {
    const onChange = vi.fn();
    render(<SettingsForm settings={DEFAULT_SETTINGS} totals={TOTALS} onChange={onChange} />);
    commit(screen.getByLabelText('股权穿透 · 剩余额度 阈值'), '25');
    const newer = {
      ...DEFAULT_SETTINGS,
      pollMinutes: 90,
      thresholds: { ...DEFAULT_SETTINGS.thresholds, radar_id: { ...DEFAULT_THRESHOLDS, deletable: { unit: 'count' as const, value: 3 } } },
    };
    const update = onChange.mock.lastCall![0] as SettingsUpdate;
    expect({ ...newer, ...update(newer) }).toMatchObject({
      pollMinutes: 90,
      thresholds: { radar_id: { deletable: { unit: 'count', value: 3 } }, bene_id: { remaining: { value: 25 } } },
    });
  });

  it('converts the value on a unit switch with the module’s total, or keeps both when the total is unknown, and says which', () => {
    const onChange = vi.fn();
    const { rerender } = render(<SettingsForm settings={DEFAULT_SETTINGS} totals={TOTALS} onChange={onChange} />);
    const unit = screen.getByLabelText<HTMLSelectElement>('自然人核验 · 可删除额度 阈值单位');
    fireEvent.change(unit, { target: { value: 'count' } });
    // 10 % of 50 allows 5.
    expect(lastSaved(onChange)).toEqual({
      thresholds: { ...DEFAULT_SETTINGS.thresholds, natural_person_id: { ...DEFAULT_THRESHOLDS, deletable: { unit: 'count', value: 5 } } },
    });
    expect(screen.getByLabelText<HTMLInputElement>('自然人核验 · 可删除额度 阈值').value).toBe('5');
    expect(screen.getByRole('status').textContent).toBe('已按总额度 50 换算为 5 条。');
    onChange.mockClear();
    rerender(<SettingsForm settings={DEFAULT_SETTINGS} totals={{}} onChange={onChange} />);
    const radar = screen.getByLabelText<HTMLSelectElement>('风险监控 · 剩余额度 阈值单位');
    fireEvent.change(radar, { target: { value: 'count' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(radar.value).toBe('percent');
    expect(screen.getByLabelText<HTMLInputElement>('风险监控 · 剩余额度 阈值').value).toBe('10');
    expect(screen.getByText('尚不知道总额度，无法换算：单位和数值保持不变。')).toBeTruthy();
  });

  it('accepts counts above 100 and full-width digits, but not negative or fractional counts', () => {
    const onChange = vi.fn();
    render(
      <SettingsForm
        settings={{
          ...DEFAULT_SETTINGS,
          thresholds: { ...DEFAULT_SETTINGS.thresholds, radar_id: { ...DEFAULT_THRESHOLDS, remaining: { unit: 'count', value: 5 } } },
        }}
        totals={TOTALS}
        onChange={onChange}
      />,
    );
    commit(screen.getByLabelText('风险监控 · 剩余额度 阈值'), '500');
    expect(lastSaved(onChange)).toEqual({
      thresholds: { ...DEFAULT_SETTINGS.thresholds, radar_id: { ...DEFAULT_THRESHOLDS, remaining: { unit: 'count', value: 500 } } },
    });
    commit(screen.getByLabelText('风险监控 · 剩余额度 阈值'), '１５');
    expect(lastSaved(onChange).thresholds?.radar_id?.remaining).toEqual({ unit: 'count', value: 15 });
    onChange.mockClear();
    commit(screen.getByLabelText('风险监控 · 剩余额度 阈值'), '1.5');
    expect(screen.getByText('请输入不小于 0 的整数。')).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('keeps the polling interval between 5 minutes and 24 hours, and never says "saved" beside an error', () => {
    const onChange = vi.fn();
    const { rerender } = render(<SettingsForm settings={DEFAULT_SETTINGS} totals={TOTALS} onChange={onChange} saved />);
    const minutes = screen.getByLabelText('自动查询间隔（分钟）');
    for (const bad of ['4', '1441', 'abc', '']) {
      commit(minutes, bad);
      expect(screen.getByText('请输入 5 到 1440 之间的整数。')).toBeTruthy();
      expect(screen.queryByText('设置已保存并生效。')).toBeNull();
    }
    expect(onChange).not.toHaveBeenCalled();
    commit(minutes, '６０');
    expect(lastSaved(onChange)).toEqual({ pollMinutes: 60 });
    rerender(<SettingsForm settings={DEFAULT_SETTINGS} totals={TOTALS} onChange={onChange} saved />);
    expect(screen.getByText('设置已保存并生效。')).toBeTruthy();
  });

  it('saves a valid value while it is typed, a moment after the last key', async () => {
    const onChange = vi.fn();
    render(<SettingsForm settings={DEFAULT_SETTINGS} totals={TOTALS} onChange={onChange} />);
    type(screen.getByLabelText('自动查询间隔（分钟）'), '45');
    expect(onChange).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 2000 });
    expect(lastSaved(onChange)).toEqual({ pollMinutes: 45 });
  });

  it('switches the badge scope and notifications', () => {
    const onChange = vi.fn();
    render(<SettingsForm settings={DEFAULT_SETTINGS} totals={TOTALS} onChange={onChange} />);
    expect(screen.getByLabelText<HTMLInputElement>('仅 pro.qcc.com 标签页').checked).toBe(true);
    fireEvent.click(screen.getByLabelText('所有标签页'));
    expect(lastSaved(onChange)).toEqual({ badgeScope: 'everywhere' });
    fireEvent.click(screen.getByLabelText(/发送桌面通知/));
    expect(lastSaved(onChange)).toEqual({ notifications: false });
  });
});

describe('the pace warning fields', () => {
  it('turn the warning off and set its days, refusing what is not 1 to 365', () => {
    const onChange = vi.fn();
    render(<SettingsForm settings={DEFAULT_SETTINGS} totals={{}} onChange={onChange} />);
    fireEvent.click(screen.getByLabelText('预计在以下天数内用完时提醒'));
    expect((onChange.mock.lastCall![0] as SettingsUpdate)(DEFAULT_SETTINGS)).toEqual({ paceWarning: { enabled: false, days: 14 } });
    commit(screen.getByLabelText('提前天数'), '0');
    expect(screen.getByText('请输入 1 到 365 之间的整数。')).toBeTruthy();
    commit(screen.getByLabelText('提前天数'), '３０');
    expect((onChange.mock.lastCall![0] as SettingsUpdate)(DEFAULT_SETTINGS)).toEqual({ paceWarning: { enabled: true, days: 30 } });
  });
});

describe('ForgetKey', () => {
  it('asks for confirmation before forgetting, says the history goes too, offers to export it, and can be cancelled', () => {
    const onForget = vi.fn(async () => undefined);
    const onExport = vi.fn(async () => undefined);
    render(<ForgetKey onForget={onForget} onExport={onExport} />);
    fireEvent.click(screen.getByRole('button', { name: '忘记此 Key' }));
    expect(screen.getByText(/全部额度历史.*此操作不能撤销，可以先导出历史/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '导出 CSV' }));
    expect(onExport).toHaveBeenCalledTimes(1);
    expect(onForget).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(onForget).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '忘记此 Key' }));
    fireEvent.click(screen.getByRole('button', { name: '确认删除' }));
    expect(onForget).toHaveBeenCalledTimes(1);
  });
});
