import { t, type MessageKey } from './i18n';
import { KNOWN_MODULE_IDS } from './quota-types';

/** The module's name in the UI language; an id the document does not list is shown as it is. */
export function moduleName(id: string): string {
  return (KNOWN_MODULE_IDS as readonly string[]).includes(id) ? t(`module_${id}` as MessageKey) : id;
}
