// Issue 18, through the worker's public surface (background.main() over the fake browser): watching never waits on
// storage.managed, an early or empty read removes nothing, only explicit acts delete history, and the history's
// writers never lose each other's writes.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { keyId, readHistory } from '@/utils/history/history';
import { importSamples, recordAnswer } from '@/utils/history/history-writes';
import { checkPolicy } from '@/utils/settings/policy';
import { POLL_ALARM, START_ALARM } from '@/utils/monitor/quota-monitor';
import { DAY, HOUR, MINUTE } from '@/utils/monitor/retry-schedule';
import { createPolicySync, POLICY_ALARM } from '@/utils/settings/sync-policy';
import {
  accountStatesItem,
  credentialsItem,
  historySummariesItem,
  historySummaryItem,
  policyItem,
  quotaStateItem,
  readAccountsInUse,
  readCurrentViews,
} from '@/utils/storage';
import { policyReadItem } from '@/utils/settings/sync-policy';
import { managedAccountId } from '@/utils/accounts/account';
import {
  accountAlarm,
  HEALTHY_MODULES,
  historySample,
  MANAGED_KEY as MANAGED,
  MANAGED_PAIR as POLICY_PAIR,
  md5,
  okAnswer,
  settle,
  statusAnswer,
  tenDaysOf,
  workerTestbed,
} from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0); // 12:00 in Beijing
const OWN = 'OWNKEY0123456789ABCDEF0123456789';
const bed = workerTestbed(NOW);
const { fetch } = bed;
const keysAsked = () => fetch.mock.calls.map(([url]) => (url as string).split('key=')[1]);

/** A browser whose storage.managed.get() never answers, as Chromium's may for a whole session. */
const managedNeverAnswers = () => vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(new Promise(() => undefined));
/** storage.managed.get() answers these, one per read (the last one again after). */
function managedAnswers(...answers: Array<Record<string, unknown>>) {
  return vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(async () => (answers.length > 1 ? answers.shift()! : answers[0]!));
}

/** An install the policy manages with POLICY_PAIR (mirrored), with ten days of the managed key and its numbers. */
async function managedInstall() {
  await policyItem.setValue(checkPolicy(POLICY_PAIR));
  await quotaStateItem.setValue({ snapshot: { key: MANAGED, modules: HEALTHY_MODULES, fetchedAt: NOW - HOUR }, error: null });
  return tenDaysOf(MANAGED, NOW);
}

const triggerAlarm = (name: string) => fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now() });
/** Every value in storage.local and storage.session, as text. */
const everythingStored = async () =>
  JSON.stringify([await fakeBrowser.storage.local.get(null), await fakeBrowser.storage.session.get(null)]);

describe('watching never waits on storage.managed', () => {
  it('a read that never answers: the poll alarm and the start refresh exist at once, and the old data is refreshed', async () => {
    managedNeverAnswers();
    await credentialsItem.setValue({ key: OWN, secretKey: 'S' });
    await quotaStateItem.setValue({ snapshot: { key: OWN, modules: HEALTHY_MODULES, fetchedAt: NOW - DAY }, error: null });
    background.main();
    await settle();
    expect((await fakeBrowser.alarms.get(accountAlarm(POLL_ALARM, OWN)))?.periodInMinutes).toBe(30);
    const start = await fakeBrowser.alarms.get(accountAlarm(START_ALARM, OWN));
    expect(start?.scheduledTime).toBeLessThanOrEqual(NOW + 5 * MINUTE);
    // The read is tried again on an alarm, a minute on.
    expect((await fakeBrowser.alarms.get(POLICY_ALARM))?.scheduledTime).toBe(NOW + MINUTE);
    await triggerAlarm(accountAlarm(START_ALARM, OWN));
    await settle();
    expect(keysAsked()).toEqual([OWN]);
  });

  it('a read that never answers after a normal install: the settings open once, after 6 s, not before', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout'] });
    managedNeverAnswers();
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await vi.advanceTimersByTimeAsync(5_900);
    expect(bed.openOptionsPage).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(bed.openOptionsPage).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bed.openOptionsPage).toHaveBeenCalledTimes(1);
  });

  it('an install by policy (installType admin) never opens the settings on a timeout, and waits for the read', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout'] });
    let answer!: (value: Record<string, unknown>) => void;
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(new Promise((resolve) => (answer = resolve)));
    fakeBrowser.management.getSelf = vi.fn(async () => ({ installType: 'admin' }) as never);
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(bed.openOptionsPage).not.toHaveBeenCalled();
    // The policy sets no key pair (only an interval): the user must enter one, so the settings open now.
    answer({ pollMinutes: 60 });
    await vi.advanceTimersByTimeAsync(100);
    expect(bed.openOptionsPage).toHaveBeenCalledTimes(1);
  });

  it('an admin install whose read answers with the key pair opens no settings tab', async () => {
    managedAnswers(POLICY_PAIR);
    fakeBrowser.management.getSelf = vi.fn(async () => ({ installType: 'admin' }) as never);
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await settle();
    expect(bed.openOptionsPage).not.toHaveBeenCalled();
    expect(keysAsked()).toEqual([MANAGED]);
  });
});

describe('an empty read is "not known yet", never "removed"', () => {
  it('reads {} then the policy again: nothing is deleted and the policy stays in effect', async () => {
    const before = await managedInstall();
    managedAnswers({}, POLICY_PAIR);
    background.main();
    await settle();
    expect(await policyItem.getValue()).toEqual(checkPolicy(POLICY_PAIR));
    expect((await policyReadItem.getValue()).pending?.since).toBe(NOW);
    expect((await fakeBrowser.alarms.get(POLICY_ALARM))?.scheduledTime).toBe(NOW + MINUTE);
    vi.setSystemTime(NOW + MINUTE);
    await triggerAlarm(POLICY_ALARM);
    await settle();
    expect(await policyItem.getValue()).toEqual(checkPolicy(POLICY_PAIR));
    expect(await policyReadItem.getValue()).toEqual({ unanswered: 0, pending: null });
    expect(await fakeBrowser.alarms.get(POLICY_ALARM)).toBeUndefined();
    expect(await readHistory(MANAGED)).toEqual(before);
    expect((await quotaStateItem.getValue()).snapshot?.key).toBe(MANAGED);
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    const [url, init] = fetch.mock.calls.at(-1)!;
    expect(url as string).toContain(`key=${MANAGED}`);
    expect((init?.headers as Record<string, string>).Token).toBe(md5(`${MANAGED}${(NOW + MINUTE) / 1000}MANAGEDSECRET`));
  });

  it('two empty reads 30 s apart delete nothing; a third a minute after the first confirms the removal', async () => {
    const before = await managedInstall();
    managedAnswers({});
    background.main();
    await settle();
    vi.setSystemTime(NOW + 30_000);
    await triggerAlarm(POLICY_ALARM);
    await settle();
    expect(await readHistory(MANAGED)).toEqual(before);
    expect(await policyItem.getValue()).toEqual(checkPolicy(POLICY_PAIR));
    vi.setSystemTime(NOW + MINUTE);
    await triggerAlarm(POLICY_ALARM);
    await settle();
    expect(await policyItem.getValue()).toBeNull();
    expect(await readHistory(MANAGED)).toEqual([]);
    expect(await everythingStored()).not.toContain(MANAGED);
  });

  it('a new browser session starts counting again: an empty read of an earlier session confirms nothing', async () => {
    const before = await managedInstall();
    managedAnswers({});
    background.main();
    await settle();
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['policyRead']);
    // The browser closes (session storage goes with it) and starts an hour later: its first read is early and empty.
    await fakeBrowser.storage.session.clear();
    vi.setSystemTime(NOW + HOUR);
    await triggerAlarm(POLICY_ALARM);
    await settle();
    expect(await readHistory(MANAGED)).toEqual(before);
    expect(await policyItem.getValue()).toEqual(checkPolicy(POLICY_PAIR));
    expect((await policyReadItem.getValue()).pending?.since).toBe(NOW + HOUR);
  });

  it('a read the browser’s report started that never answers keeps its alarm when an older read answers meanwhile', async () => {
    await managedInstall();
    let startUpAnswer!: (value: Record<string, unknown>) => void;
    const get = vi
      .spyOn(fakeBrowser.storage.managed, 'get')
      .mockReturnValueOnce(new Promise((resolve) => (startUpAnswer = resolve)))
      .mockReturnValue(new Promise(() => undefined));
    background.main();
    await settle();
    await fakeBrowser.storage.onChanged.trigger({ companyKey: { oldValue: MANAGED } }, 'managed');
    await settle();
    expect(get).toHaveBeenCalledTimes(2);
    startUpAnswer(POLICY_PAIR);
    await settle();
    expect(await fakeBrowser.alarms.get(POLICY_ALARM)).toBeDefined();
  });

  it('a read started while another answers does not overwrite the removal the answer left pending', async () => {
    await policyItem.setValue(checkPolicy(POLICY_PAIR));
    let answerFirst!: (value: Record<string, unknown>) => void;
    const reads = [new Promise<Record<string, unknown>>((resolve) => (answerFirst = resolve)), new Promise<never>(() => undefined)];
    const sync = createPolicySync({ readManaged: () => reads.shift()!, final: false, now: Date.now, forgetKey: async () => undefined });
    void sync.sync();
    await settle();
    // The second read's count is slow to read its state: the first read's empty answer is applied meanwhile.
    const sessionGet = fakeBrowser.storage.session.get.bind(fakeBrowser.storage.session);
    vi.spyOn(fakeBrowser.storage.session, 'get').mockImplementationOnce(async (keys) => {
      const stored = await sessionGet(keys);
      await new Promise((done) => setTimeout(done, 30));
      return stored;
    });
    void sync.sync(true);
    answerFirst({});
    await settle();
    expect((await policyReadItem.getValue()).pending).toEqual({ since: NOW, read: 'null' });
  });

  it('reads that never answer are tried again after 1, 2, 4 … minutes, at most 30 apart', async () => {
    managedNeverAnswers();
    background.main();
    await settle();
    const gaps: number[] = [];
    for (let read = 0; read < 7; read += 1) {
      const at = (await fakeBrowser.alarms.get(POLICY_ALARM))!.scheduledTime;
      gaps.push((at - Date.now()) / MINUTE);
      vi.setSystemTime(at);
      await triggerAlarm(POLICY_ALARM);
      await settle();
    }
    expect(gaps).toEqual([1, 2, 4, 8, 16, 30, 30]);
  });
});

describe('history goes only on an explicit event', () => {
  /** The user's own pair with ten days, and the policy's pair in effect with ten days. */
  async function bothKeys() {
    await credentialsItem.setValue({ key: OWN, secretKey: 'OWNSECRET' });
    const own = await tenDaysOf(OWN, NOW);
    const managed = await managedInstall();
    await fakeBrowser.storage.managed.set(POLICY_PAIR);
    background.main();
    await settle();
    return { own, managed };
  }

  it.each([
    ['half a pair (the company key only)', { companyKey: MANAGED }],
    ['half a pair (the SecretKey only)', { secretKey: 'MANAGEDSECRET' }],
    ['an ignored SecretKey (a space inside)', { companyKey: MANAGED, secretKey: 'MANAGED SECRET' }],
    ['an ignored company key', { companyKey: 'MANAGED KEY', secretKey: 'MANAGEDSECRET' }],
  ])('%s, then the policy fixed: both keys’ histories are whole and the managed pair is used again', async (_name, broken) => {
    const { own, managed } = await bothKeys();
    await fakeBrowser.storage.managed.clear();
    await fakeBrowser.storage.managed.set(broken);
    await settle();
    // The managed account is not in use while the policy names half of it; the user's own is watched on.
    expect((await readAccountsInUse()).map((account) => account.key)).toEqual([OWN]);
    // Checks go on as the alarms say: none of them deletes anything of the managed key.
    await triggerAlarm(POLL_ALARM);
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    expect((await readHistory(OWN)).slice(0, own.length)).toEqual(own);
    expect(await readHistory(MANAGED)).toEqual(managed);
    expect((await historySummariesItem.getValue())?.[keyId(MANAGED)]?.key).toBe(MANAGED);
    // The managed key's numbers are kept (under the id its key would have while no account of the policy's uses it).
    const kept = Object.values((await accountStatesItem.getValue()) ?? {}).map((state) => state.quota.snapshot?.key);
    expect(kept).toContain(MANAGED);

    const asked = keysAsked().length;
    await fakeBrowser.storage.managed.set(POLICY_PAIR);
    await settle();
    expect((await readHistory(OWN)).slice(0, own.length)).toEqual(own);
    expect((await readHistory(MANAGED)).slice(0, managed.length)).toEqual(managed);
    expect(keysAsked().slice(asked)).toContain(MANAGED);
    const views = (await readCurrentViews()).views;
    expect(views.find((view) => view.account?.id === managedAccountId(MANAGED))?.state.snapshot?.key).toBe(MANAGED);
  });

  it.each([
    ['both values ignored, reported by the browser', { companyKey: 'MANAGED KEY', secretKey: 'MANAGED SECRET' }, true],
    ['the company key alone, ignored, reported by the browser', { companyKey: 'MANAGED KEY' }, true],
    ['both values ignored, in reads a minute apart', { companyKey: 'MANAGED KEY', secretKey: 'MANAGED SECRET' }, false],
  ])('a policy with %s deletes none of the managed key’s history', async (_name, broken, reported) => {
    const managed = await managedInstall();
    await fakeBrowser.storage.managed.set(POLICY_PAIR);
    background.main();
    await settle();
    if (reported) {
      await fakeBrowser.storage.managed.clear();
      await fakeBrowser.storage.managed.set(broken);
    } else {
      vi.spyOn(fakeBrowser.storage.managed, 'get').mockResolvedValue(broken);
      await triggerAlarm(POLICY_ALARM);
      await settle();
      vi.setSystemTime(NOW + MINUTE);
      await triggerAlarm(POLICY_ALARM);
    }
    await settle();
    expect((await policyItem.getValue())?.ignored).toContain('companyKey');
    expect(await readAccountsInUse()).toEqual([]);
    expect(await readHistory(MANAGED)).toEqual(managed);
  });

  it.each([
    ['intact', { key: MANAGED, secretKey: 'OWNSECRET' }],
    ['damaged (no SecretKey)', { key: MANAGED }],
  ])('the user’s own pair on the managed company key, %s, keeps its history when the policy goes', async (_name, own) => {
    await credentialsItem.setValue({ key: MANAGED, secretKey: 'OWNSECRET' });
    const history = await managedInstall();
    await fakeBrowser.storage.managed.set(POLICY_PAIR);
    background.main();
    await settle();
    await fakeBrowser.storage.local.set({ credentials: own });
    await settle();
    await fakeBrowser.storage.managed.clear();
    await settle();
    expect(await policyItem.getValue()).toBeNull();
    expect((await readHistory(MANAGED)).slice(0, history.length)).toEqual(history);
  });

  it('damaged stored credentials delete nothing', async () => {
    await credentialsItem.setValue({ key: OWN, secretKey: 'OWNSECRET' });
    const own = await tenDaysOf(OWN, NOW);
    await quotaStateItem.setValue({ snapshot: { key: OWN, modules: HEALTHY_MODULES, fetchedAt: NOW }, error: null });
    background.main();
    await settle();
    await fakeBrowser.storage.local.set({ credentials: { key: OWN } });
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await triggerAlarm(POLL_ALARM);
    await settle();
    expect(fetch).not.toHaveBeenCalled();
    expect(await readHistory(OWN)).toEqual(own);
    expect((await quotaStateItem.getValue()).snapshot).not.toBeNull();
  });

  it('a new SecretKey alone deletes nothing; another company key deletes the old managed key’s data, not the user’s', async () => {
    const { own, managed } = await bothKeys();
    await fakeBrowser.storage.managed.set({ ...POLICY_PAIR, secretKey: 'NEWSECRET' });
    await settle();
    expect((await readHistory(MANAGED)).slice(0, managed.length)).toEqual(managed);
    await fakeBrowser.storage.managed.set({ companyKey: 'OTHERKEY', secretKey: 'NEWSECRET' });
    await settle();
    expect(await readHistory(MANAGED)).toEqual([]);
    expect(await readHistory(OWN)).toEqual(own);
    expect(await everythingStored()).not.toContain(MANAGED);
  });

  it('after a confirmed removal (the browser reports it) no stored value contains the managed company key', async () => {
    const { own } = await bothKeys();
    expect(await everythingStored()).toContain(MANAGED);
    await fakeBrowser.storage.managed.clear();
    await settle();
    expect(await everythingStored()).not.toContain(MANAGED);
    expect(await fakeBrowser.storage.local.get(null)).not.toHaveProperty(`history:${keyId(MANAGED)}:index`);
    expect((await readHistory(OWN)).slice(0, own.length)).toEqual(own);
    // The user's own account is watched on, with its numbers and summary.
    expect((await readAccountsInUse()).map((account) => account.key)).toEqual([OWN]);
    expect((await historySummariesItem.getValue())?.[keyId(OWN)]?.key).toBe(OWN);
  });

  it('after a confirmed removal while the user’s own key fails, no stored value contains the managed company key', async () => {
    // As reported: the user's own key fails, so nothing of its own replaces the managed key's numbers and summary.
    fetch.mockImplementation(async (url) => ((url as string).includes(`key=${OWN}`) ? statusAnswer(101) : okAnswer()));
    await credentialsItem.setValue({ key: OWN, secretKey: 'OWNSECRET' });
    await managedInstall();
    await fakeBrowser.storage.managed.set(POLICY_PAIR);
    background.main();
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    expect(await everythingStored()).toContain(MANAGED);
    await fakeBrowser.storage.managed.clear();
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    expect(keysAsked().at(-1)).toBe(OWN);
    expect(await everythingStored()).not.toContain(MANAGED);
    expect(await readHistory(MANAGED)).toEqual([]);
  });

  it('a policy that named half a pair for a while and then goes still takes the managed key’s data', async () => {
    await managedInstall();
    managedAnswers(POLICY_PAIR);
    background.main();
    await settle();
    await fakeBrowser.storage.managed.set({ secretKey: 'MANAGEDSECRET' });
    await settle();
    expect((await readHistory(MANAGED)).length).toBeGreaterThan(0);
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockResolvedValue({});
    await fakeBrowser.storage.managed.clear();
    await settle();
    expect(await readHistory(MANAGED)).toEqual([]);
    expect(await everythingStored()).not.toContain(MANAGED);
  });

  it('"Forget this key" deletes every key’s history, the numbers and the key pair', async () => {
    await credentialsItem.setValue({ key: OWN, secretKey: 'OWNSECRET' });
    await tenDaysOf(OWN, NOW);
    await tenDaysOf('EARLIERKEY', NOW);
    background.main();
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'forget' });
    const stored = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(stored).filter((name) => name.startsWith('history:'))).toEqual([]);
    expect(stored).not.toHaveProperty('credentials');
    expect(stored).not.toHaveProperty('quotaState');
    expect(stored).not.toHaveProperty('historySummary');
  });
});

describe('no lost writes to the history', () => {
  // The import starts; the worker's answer arrives 0…80 microtask steps later: before, during and after each of the
  // import's reads and writes.
  const moments = Array.from({ length: 81 }, (_, step) => step);
  const file = [historySample(NOW - 3 * DAY, 90), historySample(NOW - 2 * DAY, 91), historySample(NOW - HOUR, 92)];

  it.each(moments)('an answer recorded %i steps into an import: both the rows and the answer are kept', async (step) => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    const before = await tenDaysOf('K', NOW);
    const answer = historySample(NOW + MINUTE, 120);
    const importing = importSamples('K', file, NOW);
    for (let i = 0; i < step; i += 1) await Promise.resolve();
    await Promise.all([importing, recordAnswer('K', answer)]);
    const after = await readHistory('K');
    const times = after.map((s) => s.at);
    for (const sample of [...before, ...file, answer]) expect(times).toContain(sample.at);
    // The summary is of the whole history: its latest reading is the answer's.
    expect((await historySummaryItem.getValue())?.modules.radar_id?.spark.at(-1)).toBe(500 - 120);
  });

  it('an import that gets the lock after "Forget this key" writes nothing back', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    background.main();
    await settle();
    const forgetting = fakeBrowser.runtime.sendMessage({ type: 'forget' });
    const importing = importSamples('K', file, NOW);
    await Promise.all([forgetting, importing]);
    expect(await importing).toBeNull();
    const stored = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(stored).filter((name) => name.startsWith('history'))).toEqual([]);
  });

  it('an import keeps the stored rules: days older than 30 keep their last reading, nothing older than 400 days', async () => {
    const old = NOW - 40 * DAY;
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    const imported = await importSamples(
      'K',
      [historySample(old, 1), historySample(old + HOUR, 2), historySample(NOW - 401 * DAY, 3)],
      NOW,
    );
    expect(imported?.added).toBe(1);
    expect((await readHistory('K')).map((s) => s.at)).toEqual([old + HOUR]);
  });
});
