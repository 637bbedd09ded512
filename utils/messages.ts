import { browser } from 'wxt/browser';
import type { Credentials } from './qcc/credentials';
import type { RefreshTrigger } from './monitor/monitor-transition';
import type { ClockHint, ParsedQuota } from './qcc/quota-types';
import type { Destination } from './team/destination';
import type { RobotAnswer } from './team/robot-request';

/** "Refresh the quota" (the popup's button, or opening it). */
export interface RefreshMessage {
  type: 'refresh';
  /** Only when the data is older than this; without it, always (a manual refresh). */
  maxAgeMs?: number;
}

export const isRefreshMessage = (message: unknown): message is RefreshMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'refresh';

/** What the worker does for the message: an automatic refresh with an age limit, or a manual one. */
export const refreshTriggerOf = (message: RefreshMessage): RefreshTrigger =>
  message.maxAgeMs === undefined ? { kind: 'manual' } : { kind: 'auto', maxAgeMs: message.maxAgeMs };

/** Asks the worker to refresh; resolves when the new state is in storage. */
export async function requestRefresh(maxAgeMs?: number): Promise<void> {
  const message: RefreshMessage = maxAgeMs === undefined ? { type: 'refresh' } : { type: 'refresh', maxAgeMs };
  await browser.runtime.sendMessage(message);
}

/**
 * "Test this key pair" (the settings page, before a new pair replaces a working one): one signed request with the
 * pair, whose answer is returned and stored nowhere. Sent only between the extension's own pages and its worker.
 */
export interface TestMessage {
  type: 'test';
  credentials: Credentials;
}

export interface TestResult {
  parsed: ParsedQuota;
  clockHint?: ClockHint;
}

export const isTestMessage = (message: unknown): message is TestMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'test';

/** Asks the worker to test a key pair without saving it. */
export async function requestTest(credentials: Credentials): Promise<TestResult> {
  const message: TestMessage = { type: 'test', credentials };
  return browser.runtime.sendMessage<TestMessage, TestResult>(message);
}

/** "Forget this key" (the settings page): the worker deletes the user's key pair and every key's data, then answers. */
export interface ForgetMessage {
  type: 'forget';
  /** "Also remove team alerts" was ticked: the robots go too (they belong to the team, not to a key). */
  teamAlerts?: boolean;
}

export const isForgetMessage = (message: unknown): message is ForgetMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'forget';

/** Asks the worker to forget the key pair and its data; resolves when they are gone. */
export async function requestForget(teamAlerts = false): Promise<void> {
  const message: ForgetMessage = teamAlerts ? { type: 'forget', teamAlerts } : { type: 'forget' };
  await browser.runtime.sendMessage(message);
}

/** "Remove this account" (the settings page, after its warning): the worker removes it with its data, then answers. */
export interface RemoveAccountMessage {
  type: 'remove-account';
  accountId: string;
}

export const isRemoveAccountMessage = (message: unknown): message is RemoveAccountMessage =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === 'remove-account' &&
  typeof (message as { accountId?: unknown }).accountId === 'string';

/** Asks the worker to remove one of the user's own accounts and its data; resolves when they are gone. */
export async function requestRemoveAccount(accountId: string): Promise<void> {
  const message: RemoveAccountMessage = { type: 'remove-account', accountId };
  await browser.runtime.sendMessage(message);
}

/** "Send test message" (the settings page): the worker sends one message to the robot now and answers with its reply. */
export interface TeamTestMessage {
  type: 'team-test';
  destination: Destination;
}

export const isTeamTestMessage = (message: unknown): message is TeamTestMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'team-test';

/** Asks the worker to send a test message to a robot; resolves with the robot's answer (RobotAnswer: ok, retry, refused). */
export async function requestTeamTest(destination: Destination): Promise<RobotAnswer> {
  const message: TeamTestMessage = { type: 'team-test', destination };
  return browser.runtime.sendMessage<TeamTestMessage, RobotAnswer>(message);
}
