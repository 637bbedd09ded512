import type { QuotaFailure } from './quota-types';

/**
 * What kind of problem an answer is, which decides who must act:
 * credentials — the key pair: the key or the SecretKey (the user saves a correct pair in the options page);
 * account — the QCC account (the user acts on pro.qcc.com); daily — a daily limit;
 * transient — the network or the server, it passes by itself; rate — the vendor limits how often or how many at once
 * (it passes by itself, later); bug — our request is wrong;
 * unexpected — a code the document does not list for this endpoint.
 */
export type FailureClass = 'credentials' | 'account' | 'daily' | 'transient' | 'rate' | 'bug' | 'unexpected';

/**
 * When the next automatic request goes out:
 * pause — not until a new key pair is saved (a manual refresh still goes out); slow — every 6 h; next-cst-midnight — 00:00 UTC+8;
 * two-hours — in 2 h; soon — about 1 min, a few times, then backoff; backoff — exponential with jitter.
 */
export type RetryPolicy = 'pause' | 'slow' | 'next-cst-midnight' | 'two-hours' | 'soon' | 'backoff';

export interface CodeRule {
  class: FailureClass;
  retry: RetryPolicy;
}

const rule = (cls: FailureClass, retry: RetryPolicy): CodeRule => ({ class: cls, retry });

/**
 * Every code in the vendor's document (7.1 and 7.2) and its newer list, from docs/getquota-api.md.
 * 200 and 201 are answers with data and never reach this table. The explanation of each code is the
 * locale message `status_<code>`. The 115 row applies after the clock-corrected retry also failed.
 */
const STATUS_CODE_RULES = {
  205: rule('transient', 'soon'),
  202: rule('credentials', 'pause'),
  213: rule('credentials', 'pause'),
  215: rule('credentials', 'pause'),
  101: rule('credentials', 'pause'),
  107: rule('credentials', 'pause'),
  115: rule('credentials', 'pause'),
  102: rule('account', 'slow'),
  103: rule('account', 'slow'),
  104: rule('account', 'slow'),
  111: rule('account', 'slow'),
  112: rule('account', 'slow'),
  113: rule('account', 'slow'),
  114: rule('account', 'slow'),
  119: rule('account', 'slow'),
  123: rule('account', 'slow'),
  214: rule('account', 'slow'),
  223: rule('account', 'slow'),
  106: rule('account', 'slow'),
  108: rule('account', 'slow'),
  117: rule('account', 'slow'),
  120: rule('account', 'slow'),
  110: rule('rate', 'two-hours'),
  122: rule('rate', 'backoff'),
  124: rule('transient', 'backoff'),
  109: rule('daily', 'next-cst-midnight'),
  116: rule('daily', 'next-cst-midnight'),
  199: rule('transient', 'backoff'),
  203: rule('transient', 'backoff'),
  500: rule('transient', 'backoff'),
  118: rule('bug', 'slow'),
  207: rule('unexpected', 'backoff'),
  208: rule('unexpected', 'backoff'),
  209: rule('unexpected', 'backoff'),
  218: rule('unexpected', 'backoff'),
  219: rule('unexpected', 'backoff'),
} as const satisfies Record<number, CodeRule>;

/** A code the document lists: each has a message `status_<code>` of its own (the type checks it). */
export type DocumentedCode = keyof typeof STATUS_CODE_RULES;

const UNKNOWN_CODE_RULE: CodeRule = rule('unexpected', 'backoff');

export function ruleForFailure(failure: QuotaFailure): CodeRule {
  if (failure.kind !== 'api') return rule('transient', 'backoff');
  return isDocumentedCode(failure.code) ? STATUS_CODE_RULES[failure.code] : UNKNOWN_CODE_RULE;
}

/** True when the document lists this code, so that it has a message `status_<code>` of its own. */
export const isDocumentedCode = (code: number): code is DocumentedCode => Object.hasOwn(STATUS_CODE_RULES, code);
