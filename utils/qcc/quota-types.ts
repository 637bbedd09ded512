/** Module ids the vendor documents; any other id is kept and shown raw. */
export const KNOWN_MODULE_IDS = ['radar_id', 'bene_id', 'natural_person_id'] as const;
export type KnownModuleId = (typeof KNOWN_MODULE_IDS)[number];
export const isKnownModuleId = (id: string): id is KnownModuleId => (KNOWN_MODULE_IDS as readonly string[]).includes(id);

export interface ModuleQuota {
  id: string;
  total: number;
  consumed: number;
  /** total − consumed, never below 0 */
  remaining: number;
  deletable: number;
}

/** Why a refresh produced no numbers. Every failure of the client is one of these values. */
export type QuotaFailure =
  | {
      kind: 'api';
      code: number;
      msg: string;
      /** The worker found `msg` equal to the vendor's documented sentence for the code (our texts translate it). */
      msgIsVendorText?: boolean;
    }
  | { kind: 'http'; httpStatus: number }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'not-json' }
  | { kind: 'bad-shape'; detail: string };

export type ParsedQuota = { ok: true; modules: ModuleQuota[] } | { ok: false; failure: QuotaFailure };

/** The last good answer, for the key it was fetched with. */
interface QuotaSnapshot {
  key: string;
  modules: ModuleQuota[];
  fetchedAt: number;
}

/**
 * After a 115: `checked` — signed again on the server's clock and still refused; `no-date` — the server sent no
 * time to compare with; `far` — this computer's clock is more than a day off the server's.
 */
export type ClockHint = 'checked' | 'no-date' | 'far';

/** The last failed attempt, kept until a good answer arrives. */
export interface QuotaError {
  key: string;
  failure: QuotaFailure;
  at: number;
  /** When the failures since the last good answer began (the first of them). */
  since?: number;
  /** When the next automatic request goes out; null while paused until a new key pair or a manual refresh. */
  nextAttemptAt: number | null;
  /** For a 115: what is known of this computer's clock. */
  clockHint?: ClockHint;
}

/** What the worker knows of the quota: the last good numbers and the last failure since. */
export interface QuotaState {
  snapshot: QuotaSnapshot | null;
  error: QuotaError | null;
}

export const EMPTY_QUOTA_STATE: QuotaState = { snapshot: null, error: null };

/** The part of the quota state that belongs to `key`: numbers of one key are never shown under another. */
export function stateOfKey(state: QuotaState, key: string | undefined): QuotaState {
  return {
    snapshot: key !== undefined && state.snapshot?.key === key ? state.snapshot : null,
    error: key !== undefined && state.error?.key === key ? state.error : null,
  };
}
