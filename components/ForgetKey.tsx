import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

/** "Forget this key", with an inline confirmation. */
export function ForgetKey({ onForget }: { onForget: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="panel" aria-labelledby="forget-heading">
      <h2 id="forget-heading">{t('forgetHeading')}</h2>
      <p class="help">{t('forgetHelp')}</p>
      {confirming ? (
        <div class="confirm">
          <p>{t('forgetConfirm')}</p>
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
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {t('forgetKey')}
        </button>
      )}
    </section>
  );
}
