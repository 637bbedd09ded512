import { t } from '@/utils/i18n';

/** Who holds a setting: the administrator sets it, locks it as it is, or (null) the user. */
export type Control = 'managed' | 'locked' | null;

/** The id of a field's mark, for its aria-describedby. */
export const adminMarkId = (id: string) => `${id}-admin`;

/** "由管理员设置" under a field the policy sets (a field locked as it is says nothing: its group says so once). */
export const AdminMark = ({ id, control }: { id: string; control: Control }) =>
  control === 'managed' ? (
    <p class="admin-mark" id={adminMarkId(id)}>
      {t('setByAdministrator')}
    </p>
  ) : null;
