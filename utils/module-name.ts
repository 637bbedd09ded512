import { t } from './i18n';
import { isKnownModuleId } from './qcc/quota-types';

/** The module's name in the UI language; an id the document does not list is shown as it is. */
export function moduleName(id: string): string {
  return isKnownModuleId(id) ? t(`module_${id}`) : id;
}
