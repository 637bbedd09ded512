import { render, type FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, uiLanguage, type MessageKey } from '@/utils/i18n';
import { browser } from 'wxt/browser';
import { FIRST_PAINT_KEYS, readStoredState, storedStateOf, type StoredState } from '@/utils/storage';

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
 * first-paint key (another tab, the worker) reads them all again, in one call; a newer read always wins.
 */
export function useStoredState(initial: StoredState): StoredState {
  const [stored, setStored] = useState(initial);
  useEffect(() => {
    let reads = 0;
    let shown = 0;
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !Object.keys(changes).some((key) => FIRST_PAINT_KEYS.includes(key))) return;
      const read = ++reads;
      void browser.storage.local.get(FIRST_PAINT_KEYS).then((raw) => {
        if (read < shown) return;
        shown = read;
        setStored((before) => keepUnchanged(before, storedStateOf(raw)));
      });
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
