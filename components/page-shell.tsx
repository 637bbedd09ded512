import { render, type FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, uiLanguage, type MessageKey } from '@/utils/i18n';
import { browser } from 'wxt/browser';
import { FIRST_PAINT_KEYS, readStoredState, recordOf, storedStateOf, type StoredState } from '@/utils/storage';

/**
 * Mounts a page of the extension: its language and title, then the app on the stored state from the page's one
 * first-paint read. Resolves with that state once the first render is done.
 */
export async function mountPage(title: MessageKey, App: FunctionComponent<{ initial: StoredState }>): Promise<StoredState> {
  document.documentElement.lang = uiLanguage();
  document.title = t(title);
  const stored = await readStoredState();
  const root = document.getElementById('app');
  if (root) render(<App initial={stored} />, root);
  return stored;
}

/** The new state, with each part that did not change kept as it was: fields that follow a part keep the user's typing. */
function keepUnchanged(before: StoredState, after: StoredState): StoredState {
  const kept = { ...after } as Record<keyof StoredState, unknown>;
  for (const name of Object.keys(after) as Array<keyof StoredState>) {
    if (JSON.stringify(before[name]) === JSON.stringify(after[name])) kept[name] = before[name];
  }
  return kept as unknown as StoredState;
}

/**
 * The stored state, starting from the first-paint read (so the first frame has data), then live: a change of any
 * first-paint key (another tab, the worker) is applied to the keys as read, at once, as the browser reports it. A
 * page given a state without its keys (a test) reads them all once, at the first change.
 */
export function useStoredState(initial: StoredState): StoredState {
  const [stored, setStored] = useState(initial);
  useEffect(() => {
    let record: Record<string, unknown> | undefined = recordOf(initial);
    let pending: Array<Record<string, { newValue?: unknown }>> = [];
    const apply = (changes: Record<string, { newValue?: unknown }>) => {
      const next = { ...record };
      for (const [key, change] of Object.entries(changes)) {
        if (!FIRST_PAINT_KEYS.includes(key)) continue;
        if (change.newValue === undefined) delete next[key];
        else next[key] = change.newValue;
      }
      record = next;
    };
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !Object.keys(changes).some((key) => FIRST_PAINT_KEYS.includes(key))) return;
      if (record === undefined) {
        // No keys to apply the change to yet: read them all once (later changes wait and are applied after).
        pending.push(changes);
        if (pending.length > 1) return;
        void browser.storage.local.get(FIRST_PAINT_KEYS).then((raw) => {
          record = raw;
          // Changes reported after the read started may be in it already; applying them again changes nothing.
          for (const later of pending.slice(1)) apply(later);
          pending = [];
          const next = storedStateOf(record);
          setStored((before) => keepUnchanged(before, next));
        });
        return;
      }
      apply(changes);
      const next = storedStateOf(record);
      setStored((before) => keepUnchanged(before, next));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return stored;
}

/**
 * A form field's value that follows the stored one (another tab, the worker) while the user is not editing it,
 * as webext-options-sync does: a change arriving while the field has focus waits until the next one.
 */
export function useFollowing<V, E extends HTMLElement = HTMLInputElement>(stored: V) {
  const ref = useRef<E>(null);
  const [text, setText] = useState(stored);
  useEffect(() => {
    if (ref.current !== document.activeElement) setText(stored);
  }, [stored]);
  return [text, setText, ref] as const;
}

/** Re-renders every `intervalMs` so that "5 分钟前" stays true while a page is open. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
