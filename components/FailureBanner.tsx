import { browser } from 'wxt/browser';
import { explainFailure } from '@/utils/explain-failure';
import { formatWhen, t } from '@/utils/i18n';
import { PRO_QCC_ORIGIN } from '@/utils/pro-qcc';
import type { QuotaError } from '@/utils/quota-types';

/** What went wrong, what the server said, when it tries again, and what to do. */
export function FailureBanner({ error }: { error: QuotaError }) {
  const explained = explainFailure(error.failure, error.clockHint);
  return (
    <div class={`banner banner-${explained.failureClass}`} role="alert">
      <p class="banner-text">
        {explained.code !== undefined ? <strong>{explained.code} </strong> : null}
        {explained.text}
      </p>
      {explained.serverMsg ? <p class="banner-detail">{t('serverSaid', explained.serverMsg)}</p> : null}
      <p class="banner-detail">
        {error.nextAttemptAt === null ? t('pausedUntilNewKeyPair') : t('nextAttemptAt', formatWhen(error.nextAttemptAt, Date.now()))}
      </p>
      <p class="banner-action">{explained.action}</p>
      {explained.failureClass === 'credentials' ? (
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      ) : null}
      {explained.failureClass === 'account' ? (
        <a href={`${PRO_QCC_ORIGIN}/`} target="_blank" rel="noreferrer">
          {t('openProQcc')}
        </a>
      ) : null}
    </div>
  );
}
