import { useEffect, useRef } from 'preact/hooks';

/**
 * Saves a valid value a moment after the user stops typing, at once when the field is committed, and before the
 * page goes away (closing the tab loses nothing typed).
 */
export function useDebouncedSave<T>(save: (value: T) => void, saveWhileLeaving: (value: T) => void = save, delayMs = 600) {
  const pending = useRef<{ value: T; timer: ReturnType<typeof setTimeout> } | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const leavingRef = useRef(saveWhileLeaving);
  leavingRef.current = saveWhileLeaving;

  const flush = (leaving = false) => {
    const waiting = pending.current;
    if (!waiting) return;
    clearTimeout(waiting.timer);
    pending.current = null;
    (leaving ? leavingRef.current : saveRef.current)(waiting.value);
  };
  useEffect(() => {
    // A page that is going away gets no more turns of the event loop: the value is written at once.
    const onPageHide = () => flush(true);
    addEventListener('pagehide', onPageHide);
    return () => {
      removeEventListener('pagehide', onPageHide);
      flush();
    };
  }, []);

  return {
    /** Saves `value` after the delay, unless another value comes first. */
    schedule(value: T) {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = { value, timer: setTimeout(() => flush(), delayMs) };
    },
    /** Drops a value waiting to be saved (the field now holds an invalid one). */
    cancel() {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = null;
    },
    /** Saves now: the field was committed. */
    now(value: T) {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = null;
      saveRef.current(value);
    },
  };
}
