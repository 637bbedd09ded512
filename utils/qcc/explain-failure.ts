import { t, type MessageKey } from '../i18n';
import type { ClockHint, QuotaFailure } from './quota-types';
import { isDocumentedCode, ruleForFailure, type DocumentedCode, type FailureClass } from './status-codes';

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
 * The codes a user can act on lead with their likely cause and what to do; the vendor's own words follow in brackets
 * ("企查查原文：…").
 */
const LIKELY = {
  101: 'likely_101',
  107: 'likely_107',
  115: 'likely_115',
  202: 'likely_key_malformed',
  213: 'likely_key_malformed',
  215: 'likely_key_malformed',
  102: 'likely_102',
  103: 'likely_103',
  104: 'likely_104',
  106: 'likely_flagged',
  108: 'likely_flagged',
  117: 'likely_flagged',
  120: 'likely_flagged',
  111: 'likely_111',
  112: 'likely_112',
  113: 'likely_113',
  114: 'likely_114',
  119: 'likely_119',
  123: 'likely_not_purchased',
  214: 'likely_not_purchased',
  223: 'likely_223',
} as const satisfies Partial<Record<DocumentedCode, MessageKey>>;

const likelyKey = (code: number): MessageKey | undefined => (Object.hasOwn(LIKELY, code) ? LIKELY[code as keyof typeof LIKELY] : undefined);

/**
 * Turns a failure into words for the user. Never includes the key or the SecretKey. On a `managed` install (the
 * administrator's policy is in force) a problem of the key pair or of the account is for IT to fix, and says so.
 */
export function explainFailure(
  failure: QuotaFailure,
  clockHint?: ClockHint,
  managed = false,
  /**
   * `settings`: the settings page, which holds the key fields (its text points at them, not at "the settings");
   * `test`: the test of a pair not saved yet, which nothing retries (the user presses "Save and test" again).
   */
  place: 'settings' | 'test' | 'elsewhere' = 'elsewhere',
): FailureExplanation {
  const failureClass = ruleForFailure(failure).class;
  const forIt = managed && (failureClass === 'credentials' || failureClass === 'account');
  const action = t(
    forIt
      ? `action_${failureClass}_managed`
      : failureClass === 'credentials' && place !== 'elsewhere'
        ? 'action_credentials_here'
        : place === 'test' && failureClass !== 'account'
          ? 'action_test_again'
          : `action_${failureClass}`,
  );
  switch (failure.kind) {
    case 'api': {
      const ownText = isDocumentedCode(failure.code) ? t(`status_${failure.code}`) : t('failure_unknown_code', String(failure.code));
      // A code the user can act on leads with its likely cause (107: a wrong SecretKey, or a key pair that does not
      // belong together, then the IP).
      // Not on a managed install: its key pair and account are IT's to fix, and the action says so.
      // A 115 signed again on the server's clock and still refused is not the clock's fault: it says so alone.
      const checked = failure.code === 115 && clockHint === 'checked';
      const likely = forIt ? undefined : checked ? 'likely_115_checked' : likelyKey(failure.code);
      const explained = likely ? t(likely, ownText) : ownText;
      const text = failure.code === 115 && clockHint && !checked ? `${explained} ${t(CLOCK_TEXT[clockHint])}` : explained;
      // The server's own words only when they say more than ours: not when ours already contain them, nor when they are
      // the vendor's documented sentence for the code (which ours translate, in the English UI).
      const serverMsg = failure.msg.trim();
      const saysMore = serverMsg !== '' && failure.msgIsVendorText !== true && !normalize(text).includes(normalize(serverMsg));
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

/** Two sentences that differ only in the document's 【…】 prefix, spaces and punctuation. */
export const sameSentence = (a: string, b: string): boolean => normalize(a) === normalize(b);
