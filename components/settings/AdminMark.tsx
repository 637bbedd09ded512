import { t } from '@/utils/i18n';

/** Who holds a setting: the administrator sets it, locks it as it is, or (null) the user. */
export type Control = 'managed' | 'locked' | null;

/** The id of a field's mark, for its aria-describedby. */
export const adminMarkId = (id: string) => `${id}-admin`;

/** "由管理员设置" under a field the policy sets, "由管理员锁定" under one it locks as it is. */
export const AdminMark = ({ id, control }: { id: string; control: Control }) =>
  control === null ? null : (
    <p class="admin-mark" id={adminMarkId(id)}>
      {t(control === 'managed' ? 'setByAdministrator' : 'lockedByAdministrator')}
    </p>
  );
