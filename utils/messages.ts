import { browser } from 'wxt/browser';
import type { RefreshTrigger } from './quota-monitor';

/** The only message pages send to the worker: "refresh the quota" (the popup's button, or opening it). */
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
