/** Module ids the vendor documents; any other id is kept and shown raw. */
export const KNOWN_MODULE_IDS = ['radar_id', 'bene_id', 'natural_person_id'] as const;

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
  | { kind: 'api'; code: number; msg: string }
  | { kind: 'http'; httpStatus: number }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'not-json' }
  | { kind: 'bad-shape'; detail: string }
  | { kind: 'no-key' };

export type ParsedQuota = { ok: true; modules: ModuleQuota[] } | { ok: false; failure: QuotaFailure };
