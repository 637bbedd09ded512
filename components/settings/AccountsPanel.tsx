import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { keyTail, MAX_ACCOUNTS, newAccountId, type Account, type AccountInUse } from '@/utils/accounts/account';
import { EMPTY_QUOTA_STATE } from '@/utils/qcc/quota-types';
import { accountName } from '@/utils/accounts/account-name';
import { t } from '@/utils/i18n';
import { managesKeyPair, namesHalfKeyPair, ownAccountsAllowed, type Policy } from '@/utils/settings/policy';
import type { Settings } from '@/utils/settings/settings';
import type { AccountView } from '@/utils/storage';
import { AccountForm } from './AccountForm';
import { AccountOutcome } from './AccountOutcome';
import { accountWithKey, addAccountState, fieldPrefix } from './accounts-list';
import { removalKeepsHistory } from '@/utils/settings/removal-keeps-history';
import { LockIcon } from '../icons';
import { ManagedCredentials, ManagedHalfPair } from './ManagedCredentials';

interface Props {
  /** The accounts in use, each with its numbers (the policy's first). */
  accounts: AccountView[];
  /** The user's own accounts as stored. */
  ownAccounts: Account[];
  policy: Policy | null;
  /** `keyId`s of the company keys the policy named (`local:policyKeyIds`). */
  managedKeyIds: string[] | null;
  settings: Settings;
  /** Stores an account; resolves to a sentence when it is refused (shown at its company key). */
  onSave: (account: Account) => Promise<string | null>;
  /** Removes one account of several (absent for one account alone: "Forget this key" below does it). */
  onRemove?: (account: Account) => Promise<void>;
  onExport: (key: string) => Promise<void>;
}

/** What names an item of the list: its name, and its masked key beside a name of the user's own. */
const titleOf = (account: Pick<Account, 'name' | 'key'>) => ({
  title: accountName(account),
  tail: account.name.trim() !== '' ? t('accountDefaultName', keyTail(account.key)) : null,
});

interface ItemProps {
  id: string;
  /** Several items: each is a region named by its heading. */
  listed: boolean;
  headingId: string;
  title: string;
  tail?: string | null;
  managed?: boolean;
  testId: string;
  children: ComponentChildren;
}

/**
 * One account of the list: a region named by the account's name, the policy's marked with the lock. One account
 * alone has no heading of its own (the panel's names it); the element stays the same, so that its form goes on.
 */
const AccountItem = ({ id, listed, headingId, title, tail = null, managed = false, testId, children }: ItemProps) => (
  <div
    class="account"
    role={listed ? 'region' : undefined}
    aria-labelledby={listed ? headingId : undefined}
    data-testid={testId}
    data-account-id={id}
  >
    {listed ? (
      <h3>
        {managed ? <LockIcon /> : null}
        <span id={headingId}>{title}</span>
        {tail ? <span class="account-tail">{tail}</span> : null}
      </h3>
    ) : null}
    {children}
  </div>
);

/**
 * The key pairs: the administrator's accounts (locked), then the user's own, each with its own form, and "Add account".
 * One account alone looks as the single key pair did: its form, with no list around it.
 */
export function AccountsPanel({ accounts, ownAccounts, policy, managedKeyIds, settings, onSave, onRemove, onExport }: Props) {
  const allowed = ownAccountsAllowed(policy);
  const managed = accounts.filter((view) => view.account.managed).map((view) => view.account);
  // The own accounts in use (or standing behind a policy's account on the same key, which the user may still remove):
  // the ones over the limit of 10 or set aside by the policy are counted in a note, not listed as if they were watched.
  const own = ownAccounts
    .slice(0, allowed)
    .filter((account) => accounts.some((view) => view.account.id === account.id) || managed.some((m) => m.key === account.key));
  const setAside = ownAccounts.length - own.length;
  // A page with no account at all opens the form of the first at once, as the single key pair's page did.
  const [firstId] = useState(newAccountId);
  const [draftId, setDraftId] = useState<string | null>(null);
  const blank = own.length === 0 && managed.length === 0 && !managesKeyPair(policy) && allowed > 0;
  const newId = draftId ?? (blank ? firstId : null);
  const draftOpen = newId !== null && !own.some((account) => account.id === newId);
  // Once saved, the new account is one of the list (the same form goes on, keyed by its id).
  useEffect(() => {
    if (draftId !== null && own.some((account) => account.id === draftId)) setDraftId(null);
  }, [own, draftId]);

  const inUse: Array<Pick<Account, 'id' | 'name' | 'key'>> = [...accounts.map((view) => view.account), ...ownAccounts];
  const checkKey = (id: string) => (key: string) => {
    const other = accountWithKey(inUse, id, key);
    return other ? t('duplicateKey', accountName(other)) : null;
  };
  const viewOf = (id: string) => accounts.find((view) => view.account.id === id);
  const items = (namesHalfKeyPair(policy) ? 1 : 0) + managed.length + own.length + (draftOpen ? 1 : 0);
  const listed = items > 1;
  const add = addAccountState(own.length, managed.length, allowed);
  let index = 0;
  /** The next item's field ids and the id of what names it. */
  const next = () => {
    const prefix = fieldPrefix(index++);
    return { prefix, headingId: listed ? `${prefix}account-name` : 'credentials-heading' };
  };
  /** An item of the list, with the ids of its fields and of what names it. */
  const wrap = (item: Omit<ItemProps, 'headingId' | 'children' | 'listed'>) => {
    const { prefix, headingId } = next();
    return {
      prefix,
      headingId,
      item: (body: ComponentChildren) => (
        <AccountItem key={item.id} {...item} listed={listed} headingId={headingId}>
          {body}
        </AccountItem>
      ),
    };
  };

  const form = (account: Account | null, id: string) => {
    const names = account ? titleOf(account) : { title: t('newAccountHeading') };
    const { prefix, headingId, item } = wrap({ id, ...names, testId: account ? 'account' : 'new-account' });
    return item(
      <AccountForm
        id={id}
        account={account}
        view={viewOf(id)}
        idPrefix={prefix}
        labelledBy={headingId}
        settings={settings}
        checkKey={checkKey(id)}
        onSave={onSave}
        onRemove={account && onRemove ? () => onRemove(account) : undefined}
        keepsHistory={account !== null && removalKeepsHistory(policy, managedKeyIds, account.key)}
        onExport={() => (account ? onExport(account.key) : Promise.resolve())}
        onCancel={account === null && draftId !== null ? () => setDraftId(null) : undefined}
      />,
    );
  };
  const managedItem = (account: AccountInUse) => {
    const { prefix, item } = wrap({ id: account.id, ...titleOf(account), managed: true, testId: 'account' });
    const focus = (field: 'key' | 'secret') => document.getElementById(`${prefix}${field}`)?.focus();
    return item(
      <>
        <ManagedCredentials account={account} idPrefix={prefix} />
        <AccountOutcome
          state={viewOf(account.id)?.state ?? EMPTY_QUOTA_STATE}
          settings={settings}
          testedSince={null}
          always={!listed}
          managed
          onFix={focus}
        />
      </>,
    );
  };
  const halfItem = (half: Policy) => {
    const title = half.companyKey !== undefined ? t('accountDefaultName', keyTail(half.companyKey)) : t('managedIncompleteTitle');
    const { prefix, item } = wrap({ id: 'half-pair', title, managed: true, testId: 'account' });
    return item(<ManagedHalfPair policy={half} idPrefix={prefix} />);
  };

  return (
    <section class="panel" aria-labelledby="credentials-heading">
      <h2 id="credentials-heading">{t('credentialsHeading')}</h2>
      {managesKeyPair(policy) ? <p class="help">{t('managedPairHelp')}</p> : null}
      {allowed > 0 ? <p class="help">{t('credentialsHelp')}</p> : null}
      {/* One keyed list: a new account, once saved, keeps its form (and the SecretKey typed, until it works). */}
      {[
        ...(namesHalfKeyPair(policy) ? [halfItem(policy)] : []),
        ...managed.map(managedItem),
        ...own.map((account) => form(account, account.id)),
        ...(draftOpen ? [form(null, newId)] : []),
      ]}
      {setAside > 0 ? <p class="help">{t('accountsSetAside', String(setAside))}</p> : null}
      {draftOpen || add === 'hidden' ? null : (
        <>
          <button
            type="button"
            class="add-account"
            disabled={add === 'full'}
            aria-describedby={add === 'full' ? 'accounts-full' : undefined}
            onClick={() => setDraftId(newAccountId())}
          >
            {t('addAccount')}
          </button>
          {add === 'full' ? (
            <p class="help" id="accounts-full">
              {t('accountsFull', String(MAX_ACCOUNTS))}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
