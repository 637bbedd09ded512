/** A low-quota threshold: a share of the module's total, or an absolute count. */
export interface Threshold {
  unit: 'percent' | 'count';
  value: number;
}

/** Everything the user can set besides the key pair. Types follow from the defaults. */
export const DEFAULT_SETTINGS = {
  /** Minutes between automatic refreshes. */
  pollMinutes: 30,
  lowRemaining: { unit: 'percent', value: 10 } as Threshold,
  lowDeletable: { unit: 'percent', value: 10 } as Threshold,
};

export type Settings = typeof DEFAULT_SETTINGS;
