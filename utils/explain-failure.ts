import { t, type MessageKey } from './i18n';
import type { ClockHint, QuotaFailure } from './quota-types';
import { isDocumentedCode, ruleForFailure, type FailureClass } from './status-codes';

export interface FailureExplanation {
  /** The status code, for api failures. */
  code?: number;
  /** What happened, in the UI language. */
  text: string;
  /** The server's own `msg`, when it says something our text does not. */
  serverMsg?: string;
  /** What the user should do. */
  action: string;
  failureClass: FailureClass;
}

const CLOCK_TEXT = { checked: 'failure_clock', 'no-date': 'failure_clock_no_date', far: 'failure_clock_far' } as const satisfies Record<
  ClockHint,
  MessageKey
>;

/**
 * Turns a failure into words for the user. Never includes the key or the SecretKey. On a `managed` install (the
 * administrator's policy is in force) a problem of the key pair or of the account is for IT to fix, and says so.
 */
export function explainFailure(failure: QuotaFailure, clockHint?: ClockHint, managed = false): FailureExplanation {
  const failureClass = ruleForFailure(failure).class;
  const forIt = managed && (failureClass === 'credentials' || failureClass === 'account');
  const action = t(forIt ? `action_${failureClass}_managed` : `action_${failureClass}`);
  switch (failure.kind) {
    case 'api': {
      const ownText = isDocumentedCode(failure.code) ? t(`status_${failure.code}`) : t('failure_unknown_code', String(failure.code));
      // 107 leads with its likely cause (a wrong SecretKey, or a key pair that does not belong together), then the IP.
      const explained = failure.code === 107 ? t('likely_107', ownText) : ownText;
      const text = failure.code === 115 && clockHint ? `${explained} ${t(CLOCK_TEXT[clockHint])}` : explained;
      // The server's own words only when they say more than ours (not when ours already contain them).
      const serverMsg = failure.msg.trim();
      const saysMore = serverMsg !== '' && !normalize(text).includes(normalize(serverMsg));
      return { code: failure.code, text, ...(saysMore ? { serverMsg } : {}), action, failureClass };
    }
    case 'http':
      return { text: t('failure_http', String(failure.httpStatus)), action, failureClass };
    case 'bad-shape':
      return { text: t('failure_bad_shape', failure.detail), action, failureClass };
    case 'not-json':
      return { text: t('failure_not_json'), action, failureClass };
    case 'timeout':
      return { text: t('failure_timeout'), action, failureClass };
    case 'network':
      return { text: t('failure_network'), action, failureClass };
  }
}

/** Compares texts without the document's 【…】 prefix, spaces and punctuation. */
const normalize = (text: string): string => text.replace(/【[^】]*】/g, '').replace(/[\s，。,.!！]/g, '');
