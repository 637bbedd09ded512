import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

/**
 * "Forget this key", with an inline confirmation that takes the focus, says that the history goes too and offers to
 * export it first; Escape or "Cancel" returns the focus to the button, and after deleting, the caller moves it to the key
 * field.
 */
export function ForgetKey({ onForget, onExport }: { onForget: () => Promise<void>; onExport: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const confirmation = useRef<HTMLDivElement>(null);
  const forgetButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (confirming) confirmation.current?.focus();
    else if (returnFocus.current) forgetButton.current?.focus();
    returnFocus.current = false;
  }, [confirming]);

  const cancel = () => {
    returnFocus.current = true;
    setConfirming(false);
  };

  return (
    <section class="panel" aria-labelledby="forget-heading">
      <h2 id="forget-heading">{t('forgetHeading')}</h2>
      <p class="help">{t('forgetHelp')}</p>
      {confirming ? (
        <div
          class="confirm"
          role="group"
          aria-labelledby="forget-confirm"
          tabIndex={-1}
          ref={confirmation}
          onKeyDown={(event) => {
            if (event.key === 'Escape') cancel();
          }}
        >
          <p id="forget-confirm">{t('forgetConfirm')}</p>
          <button type="button" onClick={() => void onExport()}>
            {t('exportCsv')}
          </button>
          <button
            type="button"
            class="danger"
            onClick={() => {
              setConfirming(false);
              void onForget();
            }}
          >
            {t('forgetYes')}
          </button>
          <button type="button" onClick={cancel}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" ref={forgetButton} onClick={() => setConfirming(true)}>
          {t('forgetKey')}
        </button>
      )}
    </section>
  );
}
