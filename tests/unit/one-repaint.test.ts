// One repaint per change (issue 22): the quota state's watcher repaints after a write, so an alarm whose own change of
// state repainted does not repaint again; an alarm that changes nothing still repaints once. One worker per file: the
// fake browser keeps every listener a worker registers, so a second worker in this file would count twice.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { MINUTE } from '@/utils/monitor/retry-schedule';
import { credentialsItem, quotaStateItem } from '@/utils/storage';
import { HEALTHY_MODULES, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 10, 29, 3, 0, 0);
const bed = workerTestbed(NOW);
const settle = () => new Promise((done) => setTimeout(done, 30));

beforeEach(async () => {
  await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
});
afterEach(() => vi.restoreAllMocks());

it('repaints once for an alarm that changed the state, and once for one that changed nothing', async () => {
  await quotaStateItem.setValue({ snapshot: { key: 'K', modules: HEALTHY_MODULES, fetchedAt: NOW }, error: null });
  background.main();
  await settle();
  bed.fetch.mockClear();
  const setTitle = vi.spyOn(fakeBrowser.action, 'setTitle');

  // Nothing to refresh: the numbers are fresh. One repaint all the same.
  await fakeBrowser.alarms.onAlarm.trigger({ name: 'quota-poll', scheduledTime: NOW });
  await settle();
  expect(bed.fetch).not.toHaveBeenCalled();
  expect(setTitle).toHaveBeenCalledTimes(1);

  // A retry due now whose answer (a 500) is written as the new error: the write repaints, the alarm does not again.
  // (A good answer changes two stored things, the numbers and the history's summary: one repaint each.)
  bed.fetch.mockImplementation(async () => new Response('{"status":"500","msg":""}'));
  await quotaStateItem.setValue({
    snapshot: { key: 'K', modules: HEALTHY_MODULES, fetchedAt: NOW - 10 * MINUTE },
    error: { key: 'K', failure: { kind: 'network' }, at: NOW - MINUTE, nextAttemptAt: NOW },
  });
  await settle();
  setTitle.mockClear();
  await fakeBrowser.alarms.onAlarm.trigger({ name: 'quota-retry', scheduledTime: NOW });
  await settle();
  expect(bed.fetch).toHaveBeenCalledTimes(1);
  expect((await quotaStateItem.getValue()).error).toMatchObject({ failure: { kind: 'api', code: 500 }, at: NOW });
  expect(setTitle).toHaveBeenCalledTimes(1);
});
