import { browser } from 'wxt/browser';
import { useState } from 'preact/hooks';
import { explainFailure } from '@/utils/qcc/explain-failure';
import { formatWhen, t } from '@/utils/i18n';
import { PRO_QCC_ORIGIN } from '@/utils/qcc/pro-qcc';
import type { ClockHint, QuotaFailure } from '@/utils/qcc/quota-types';

/** The field of the key pair a key-pair failure points at: the key for a malformed or unknown key, else the SecretKey. */
export const fieldToFix = (failure: QuotaFailure): 'key' | 'secret' =>
  failure.kind === 'api' && [101, 202, 213, 215].includes(failure.code) ? 'key' : 'secret';

interface Props {
  failure: QuotaFailure;
  clockHint?: ClockHint | undefined;
  /** When the next automatic request goes out; null while paused; absent for a test of an unsaved pair. */
  nextAttemptAt?: number | null;
  /** On the settings page: take the user to the field to fix, instead of offering to open the settings. */
  onFix?: (field: 'key' | 'secret') => void;
  /** The administrator's policy is in force: a problem only IT can fix says "contact your administrator". */
  managed?: boolean;
  /** On the settings page: asks the worker for a refresh now (single-flight, like the popup's button). */
  onRefresh?: () => Promise<unknown>;
}

/** What went wrong, what the server said, when it tries again, and what to do. */
export function FailureBanner({ failure, clockHint, nextAttemptAt, onFix, managed = false, onRefresh }: Props) {
  // On the settings page; there, without a next attempt, the banner is the test of a pair not saved yet.
  const explained = explainFailure(failure, clockHint, managed, !onFix ? 'elsewhere' : nextAttemptAt === undefined ? 'test' : 'settings');
  const field = fieldToFix(failure);
  const [refreshing, setRefreshing] = useState(false);
  // Where the text says "refresh now" (it passes by itself) or "paused until you refresh", the page has the button.
  const offersRefresh = onRefresh !== undefined && (explained.failureClass === 'transient' || nextAttemptAt === null);
  const refresh = () => {
    setRefreshing(true);
    void onRefresh?.()
      .catch(() => undefined)
      .finally(() => setRefreshing(false));
  };
  return (
    <div class={`banner banner-${explained.failureClass}`} role="alert">
      <p class="banner-text">
        {explained.code !== undefined ? <strong>{explained.code} </strong> : null}
        {explained.text}
      </p>
      {explained.serverMsg ? <p class="banner-detail">{t('serverSaid', explained.serverMsg)}</p> : null}
      {nextAttemptAt !== undefined ? (
        <p class="banner-detail">
          {nextAttemptAt === null
            ? t(managed ? 'pausedUntilAdministrator' : 'pausedUntilNewKeyPair')
            : t('nextAttemptAt', formatWhen(nextAttemptAt, Date.now()))}
        </p>
      ) : null}
      <p class="banner-action">{explained.action}</p>
      {offersRefresh ? (
        <button type="button" onClick={refresh} disabled={refreshing} aria-busy={refreshing}>
          {t(refreshing ? 'refreshing' : 'refreshNow')}
        </button>
      ) : null}
      {explained.failureClass === 'credentials' && !managed ? (
        onFix ? (
          <button type="button" onClick={() => onFix(field)}>
            {t(field === 'key' ? 'fixKey' : 'fixSecret')}
          </button>
        ) : (
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('openOptions')}
          </button>
        )
      ) : null}
      {explained.failureClass === 'account' && !managed ? (
        <a href={`${PRO_QCC_ORIGIN}/`} target="_blank" rel="noreferrer">
          {t('openProQcc')}
        </a>
      ) : null}
    </div>
  );
}
