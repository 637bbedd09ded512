// The settings page's team alerts (issue 24, items 1, 2, 3, 5 and 6): adding a robot asks for its site in the click
// itself, keeps the address and the secret out of the page, explains the robot's answers, and follows the policy.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/settings/OptionsApp';
import { answerText } from '@/components/settings/team-form';
import { checkPolicy } from '@/utils/settings/policy';
import type { Destination } from '@/utils/team/destination';
import type { RobotAnswer } from '@/utils/team/robot-request';
import { storedState } from './builders';
import { useLocale } from './setup';

const TOKEN = '6f3a9c1e0b7d4e2fa8c5b1d9e0f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0';
const DINGTALK = `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`;
const SECRET = 'SECa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
const ROBOT: Destination = { id: 'team-1', kind: 'dingtalk', url: DINGTALK, secret: SECRET, keyword: '额度', recovery: true };
const CREDENTIALS = { key: 'A'.repeat(32), secretKey: 'a'.repeat(32) };

let sent: unknown[] = [];
/** What the worker answers to "Send test message". */
let testAnswer: () => Promise<RobotAnswer> = () => Promise.resolve({ kind: 'ok' });
let request: ReturnType<typeof vi.fn<(permissions: { origins?: string[] }) => Promise<boolean>>>;

beforeEach(() => {
  sent = [];
  testAnswer = () => Promise.resolve({ kind: 'ok' });
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    sent.push(message);
    return (message as { type: string }).type === 'team-test' ? testAnswer() : undefined;
  });
  request = vi.fn(() => Promise.resolve(true));
  fakeBrowser.permissions.request = request;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function open(stored: Record<string, unknown> = {}, policy: ReturnType<typeof checkPolicy> = null) {
  await fakeBrowser.storage.local.set({ credentials: CREDENTIALS, ...stored, policy });
  render(<OptionsApp initial={storedState({ credentials: CREDENTIALS, policy, extra: stored })} />);
}

const type = (input: HTMLElement, value: string) => fireEvent.input(input, { target: { value } });
const panel = () => within(screen.getByRole('region', { name: '团队提醒' }));
const storedRobots = async () => (await fakeBrowser.storage.local.get('teamDestinations')).teamDestinations as Destination[] | undefined;
const tests = () => sent.filter((message) => (message as { type: string }).type === 'team-test');

describe('adding a robot', () => {
  it('asks for the robot’s site within the click, stores the cleaned address and the secret, and shows neither', async () => {
    await open();
    const form = panel();
    // Pasted with a line break and spaces, full-width as a Chinese input method types it: cleaned as the key fields are.
    type(form.getByLabelText('Webhook 地址'), ` ${DINGTALK.slice(0, 30)}\n${DINGTALK.slice(30).replace('access', 'ａｃｃｅｓｓ')} `);
    type(form.getByLabelText('签名密钥（可选）'), ` ${SECRET} `);
    type(form.getByLabelText('自定义关键词（可选）'), '额度');

    fireEvent.click(form.getByRole('button', { name: '添加' }));
    // Called before the click handler returned: nothing awaited before it (Firefox refuses a request outside the
    // gesture), and nothing written yet.
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({ origins: ['https://oapi.dingtalk.com/*'] });
    expect(await storedRobots()).toBeUndefined();

    await vi.waitFor(async () => expect(await storedRobots()).toHaveLength(1));
    const [robot] = (await storedRobots())!;
    expect(robot).toEqual({
      id: expect.stringMatching(/^team-/),
      kind: 'dingtalk',
      url: DINGTALK,
      secret: SECRET,
      keyword: '额度',
      recovery: true,
    });

    // The test message goes out at once, and its answer shows under the robot.
    await vi.waitFor(() => expect(panel().getByText('测试消息已发送，请在群里查看。')).toBeTruthy());
    expect(tests()).toEqual([{ type: 'team-test', destination: robot }]);

    const item = within(panel().getByRole('listitem', { name: '钉钉' }));
    expect(item.getByText(`https://oapi.dingtalk.com/robot/send?access_token=…${TOKEN.slice(-4)}`)).toBeTruthy();
    expect(item.getByText('已设置签名 · 关键词：额度')).toBeTruthy();
    const text = document.body.textContent ?? '';
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
    // The form is empty again: the address and the secret are not left in a field either.
    const values = [...document.querySelectorAll('input')].map((input) => input.value);
    expect(values.some((value) => value.includes(TOKEN.slice(0, 12)) || value.includes(SECRET.slice(0, 12)))).toBe(false);
  });

  it('pasting an address of another kind switches the kind, and a WeCom robot has neither a secret nor a keyword', async () => {
    await open();
    const form = panel();
    fireEvent.change(form.getByLabelText('类型'), { target: { value: 'slack' } });
    expect(form.queryByLabelText('签名密钥（可选）')).toBeNull();
    type(form.getByLabelText('Webhook 地址'), 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx');
    expect(form.getByLabelText<HTMLSelectElement>('类型').value).toBe('wecom');
    expect(form.queryByLabelText('自定义关键词（可选）')).toBeNull();
    fireEvent.click(form.getByRole('button', { name: '添加' }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://qyapi.weixin.qq.com/*'] });
    await vi.waitFor(async () => expect(await storedRobots()).toHaveLength(1));
    expect((await storedRobots())![0]).toMatchObject({ kind: 'wecom', recovery: true });
    expect((await storedRobots())![0]).not.toHaveProperty('secret');
  });

  it('refuses a wrong address in words, on leaving the field and on "Add", without asking for any permission', async () => {
    await open();
    const form = panel();
    const address = form.getByLabelText('Webhook 地址');
    type(address, 'https://oapi.dingtalk.com/robot/sendmsg?access_token=abc');
    fireEvent.change(address);
    expect(form.getByRole('alert').textContent).toBe('地址的路径不对：请复制机器人设置中完整的 Webhook 地址。');
    expect(address.getAttribute('aria-invalid')).toBe('true');

    type(address, 'https://example.com/robot/send?access_token=abc');
    fireEvent.click(form.getByRole('button', { name: '添加' }));
    expect(form.getByRole('alert').textContent).toBe('这不是钉钉机器人的地址：它的地址以 https://oapi.dingtalk.com/ 开头。');

    type(address, 'http://oapi.dingtalk.com/robot/send?access_token=abc');
    fireEvent.click(form.getByRole('button', { name: '添加' }));
    expect(form.getByRole('alert').textContent).toBe('地址须以 https:// 开头。');

    type(address, '');
    fireEvent.click(form.getByRole('button', { name: '添加' }));
    expect(form.getByRole('alert').textContent).toBe('请填写 Webhook 地址。');
    expect(request).not.toHaveBeenCalled();
    expect(await storedRobots()).toBeUndefined();
  });

  it('adds nothing when the site access is refused, and says why', async () => {
    request.mockResolvedValue(false);
    await open();
    type(panel().getByLabelText('Webhook 地址'), DINGTALK);
    fireEvent.click(panel().getByRole('button', { name: '添加' }));
    await vi.waitFor(() =>
      expect(panel().getByRole('alert').textContent).toBe('需要允许访问 https://oapi.dingtalk.com 才能发送提醒：未添加。'),
    );
    expect(await storedRobots()).toBeUndefined();
    expect(tests()).toEqual([]);
  });
});

describe('the same robot twice', () => {
  it('is refused before any permission is asked: every alert would be sent twice', async () => {
    const saved: Destination = { id: 'd1', kind: 'dingtalk', url: DINGTALK, recovery: true };
    await open({ teamDestinations: [saved] });
    await vi.waitFor(() => expect(panel().getAllByRole('listitem')).toHaveLength(1));
    type(panel().getByLabelText('Webhook 地址'), ` ${DINGTALK} `);
    fireEvent.click(panel().getByRole('button', { name: '添加' }));
    expect(panel().getByRole('alert').textContent).toBe('这个机器人已在列表中：同一个地址只添加一次，否则每条提醒会发两遍。');
    expect(request).not.toHaveBeenCalled();
    expect(await storedRobots()).toEqual([saved]);
  });
});

describe('a robot in the list', () => {
  it('a test answered 310000 is explained, and the button waits for the answer', async () => {
    let answer!: (value: RobotAnswer) => void;
    testAnswer = () => new Promise((resolve) => (answer = resolve));
    await open({ teamDestinations: [ROBOT] });
    const button = await panel().findByRole('button', { name: '发送测试消息' });
    fireEvent.click(button);
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(panel().getByText('正在发送测试消息…')).toBeTruthy();
    answer({ kind: 'refused', reason: 'keyword-sign-ip', code: '310000', detail: 'keywords not in content' });
    await vi.waitFor(() =>
      expect(panel().getByRole('status').textContent).toBe(
        '机器人拒绝了消息（310000）：关键词、加签或 IP 地址（段）与机器人的安全设置不符。请核对机器人的“加签”密钥和自定义关键词。',
      ),
    );
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(tests()).toEqual([{ type: 'team-test', destination: ROBOT }]);
  });

  it('says each answer in words', () => {
    expect(answerText({ kind: 'ok' })).toBe('测试消息已发送，请在群里查看。');
    expect(answerText({ kind: 'retry', reason: 'rate', code: '130101' })).toBe('发送太快（130101）：请一分钟后再试。');
    expect(answerText({ kind: 'refused', reason: 'address', code: '93000', detail: 'invalid webhook url' })).toContain(
      '这个地址已失效（93000）',
    );
    expect(answerText({ kind: 'refused', reason: 'signature', code: '19021', detail: 'sign match fail' })).toBe(
      '签名校验失败（19021）：请核对签名密钥，并检查这台电脑的时钟是否准确。',
    );
    expect(answerText({ kind: 'refused', reason: 'keyword', code: '19024', detail: '' })).toContain('关键词不符（19024）');
    expect(answerText({ kind: 'retry', reason: 'network' })).toBe('无法连接到机器人：请检查网络、代理或防火墙。');
    expect(answerText({ kind: 'refused', reason: 'other', code: '400', detail: 'bad request' })).toBe(
      '机器人拒绝了消息（400）：bad request',
    );
    useLocale('en');
    expect(answerText({ kind: 'retry', reason: 'rate', code: '130101' })).toBe('Too many messages (130101): try again in a minute.');
  });

  it('shows a refusal the worker met until it is fixed, and a lost site access with "Grant again" asked within the click', async () => {
    const WECOM: Destination = {
      id: 'team-2',
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1234',
      recovery: true,
    };
    await open({
      teamDestinations: [ROBOT, WECOM],
      teamStatus: {
        'team-1': { refused: { reason: 'keyword-sign-ip', code: '310000', detail: '', at: 1 } },
        'team-2': { noPermission: true },
      },
    });
    const dingtalk = within(await panel().findByRole('listitem', { name: '钉钉' }));
    await vi.waitFor(() => expect(dingtalk.getByText(/^提醒已暂停，直到问题解决：机器人拒绝了消息（310000）/)).toBeTruthy());
    const wecom = within(panel().getByRole('listitem', { name: '企业微信' }));
    expect(wecom.getByText('没有访问 https://qyapi.weixin.qq.com 的权限（未授予或已被收回），提醒无法发送。')).toBeTruthy();
    fireEvent.click(wecom.getByRole('button', { name: '重新授权' }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://qyapi.weixin.qq.com/*'] });

    // The worker clears the status when the robot answers again: the page follows.
    await fakeBrowser.storage.local.set({ teamStatus: {} });
    await vi.waitFor(() => expect(panel().queryByRole('button', { name: '重新授权' })).toBeNull());
    expect(panel().queryByText(/提醒已暂停/)).toBeNull();
  });

  it('"back to normal" and "Remove" change the stored list', async () => {
    await open({ teamDestinations: [ROBOT] });
    const item = within(await panel().findByRole('listitem', { name: '钉钉' }));
    fireEvent.click(item.getByLabelText('结束时发送“已恢复正常”'));
    await vi.waitFor(async () => expect((await storedRobots())![0]?.recovery).toBe(false));
    fireEvent.click(item.getByRole('button', { name: '删除' }));
    await vi.waitFor(async () => expect(await storedRobots()).toEqual([]));
    await vi.waitFor(() => expect(panel().getByText('还没有添加机器人。')).toBeTruthy());
  });
});

describe('the administrator’s policy', () => {
  it('teamAlerts false: the panel says so, lists nothing and adds nothing', async () => {
    await open({ teamDestinations: [ROBOT] }, checkPolicy({ teamAlerts: false }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(panel().getByRole('note').textContent).toBe('管理员已关闭团队提醒：这个浏览器不会向群聊发送提醒。');
    expect(panel().queryByRole('listitem')).toBeNull();
    expect(panel().queryByRole('button')).toBeNull();
    expect(panel().queryByLabelText('Webhook 地址')).toBeNull();
  });

  it('lockSettings: the robots are listed read-only, marked as locked; a test message can still be sent', async () => {
    await open({ teamDestinations: [ROBOT] }, checkPolicy({ lockSettings: true }));
    const item = within(await panel().findByRole('listitem', { name: '钉钉' }));
    expect(panel().getByText('由管理员锁定')).toBeTruthy();
    expect(item.getByLabelText<HTMLInputElement>('结束时发送“已恢复正常”').disabled).toBe(true);
    expect(item.queryByRole('button', { name: '删除' })).toBeNull();
    expect(panel().queryByRole('button', { name: '添加' })).toBeNull();
    expect(item.getByRole('button', { name: '发送测试消息' })).toBeTruthy();
  });
});

describe('"Forget this key" and the team alerts', () => {
  const forget = async ({ tick }: { tick: boolean }) => {
    fireEvent.click(screen.getByRole('button', { name: '忘记此 Key' }));
    const box = await screen.findByLabelText<HTMLInputElement>('同时删除团队提醒');
    expect(box.checked).toBe(false);
    if (tick) fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: '确认删除' }));
    await vi.waitFor(() => expect(sent.some((message) => (message as { type: string }).type === 'forget')).toBe(true));
    return sent.find((message) => (message as { type: string }).type === 'forget');
  };

  it('leaves the robots unless the box is ticked', async () => {
    await open({ teamDestinations: [ROBOT] });
    expect(await forget({ tick: false })).toEqual({ type: 'forget' });
  });

  it('passes the ticked box to the worker', async () => {
    await open({ teamDestinations: [ROBOT] });
    expect(await forget({ tick: true })).toEqual({ type: 'forget', teamAlerts: true });
  });

  it('offers no box when there is no robot', async () => {
    await open();
    fireEvent.click(screen.getByRole('button', { name: '忘记此 Key' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByLabelText('同时删除团队提醒')).toBeNull();
  });
});

describe('both languages', () => {
  it('the heading and the buttons in English', async () => {
    useLocale('en');
    await open({ teamDestinations: [ROBOT], teamStatus: { 'team-1': { noPermission: true } } });
    const region = within(screen.getByRole('region', { name: 'Team alerts' }));
    expect(region.getByRole('button', { name: 'Add' })).toBeTruthy();
    expect(await region.findByRole('button', { name: 'Send test message' })).toBeTruthy();
    expect(await region.findByRole('button', { name: 'Grant again' })).toBeTruthy();
    expect(region.getByRole('listitem', { name: 'DingTalk' })).toBeTruthy();
    expect(region.getByLabelText('Webhook address')).toBeTruthy();
    expect(region.getByLabelText('Signing string (optional)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Forget this key pair' }));
    expect(await screen.findByLabelText('Also remove team alerts')).toBeTruthy();
  });

  it('the heading and the buttons in Chinese', async () => {
    await open({ teamDestinations: [ROBOT], teamStatus: { 'team-1': { noPermission: true } } });
    expect(panel().getByRole('heading', { name: '团队提醒' })).toBeTruthy();
    expect(panel().getByRole('button', { name: '添加' })).toBeTruthy();
    expect(await panel().findByRole('button', { name: '发送测试消息' })).toBeTruthy();
    expect(await panel().findByRole('button', { name: '重新授权' })).toBeTruthy();
  });
});
