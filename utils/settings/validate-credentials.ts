import type { MessageKey } from '../i18n';

/** Checks one typed key value after trimming; returns the message key of the problem, or null. */
export function credentialProblem(value: string): MessageKey | null {
  if (value === '') return 'errorRequired';
  // Spaces inside, or control / invisible characters, cannot be part of a QCC key.
  if (/[\s\p{C}]/u.test(value)) return 'errorWhitespace';
  return null;
}

/** QCC keys and SecretKeys are 32 letters and digits; anything else is allowed but worth a second look. */
export const looksUnusual = (value: string): boolean => value !== '' && !/^[A-Za-z0-9]{32}$/.test(value);
