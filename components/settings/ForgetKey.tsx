import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { useTeamDestinations } from './use-team';

interface Props {
  /** `teamAlerts`: "also remove team alerts" was ticked (the robots belong to the team, not to a key). */
  onForget: (teamAlerts: boolean) => Promise<void>;
  onExport: () => Promise<void>;
  /** One account of several: "Remove this account", its confirmation naming it, inside the account (no panel). */
  account?: { id: string; name: string; keepsHistory: boolean };
  /** The administrator locked the settings: the robots are locked too, and Forget offers no box to remove them. */
  teamLocked?: boolean;
}

/**
 * "Forget this key" (or one account's "Remove this account"), with an inline confirmation that takes the focus, says
 * that the history goes too and offers to export it first; Escape or "Cancel" returns the focus to the button, and
 * after deleting, the caller moves it on.
 */
export function ForgetKey({ onForget, onExport, account, teamLocked = false }: Props) {
  const [confirming, setConfirming] = useState(false);
  const confirmation = useRef<HTMLDivElement>(null);
  const forgetButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const [alsoTeam, setAlsoTeam] = useState(false);
  // The robots stay unless the user ticks the box, offered only when there are some (never for one account of several).
  const teamRobots = useTeamDestinations().length;

  useEffect(() => {
    if (confirming) confirmation.current?.focus();
    else if (returnFocus.current) forgetButton.current?.focus();
    returnFocus.current = false;
  }, [confirming]);

  const cancel = () => {
    returnFocus.current = true;
    setConfirming(false);
  };

  const confirmId = account ? `remove-confirm-${account.id}` : 'forget-confirm';
  const control = confirming ? (
    <div
      class="confirm"
      role="group"
      aria-labelledby={confirmId}
      tabIndex={-1}
      ref={confirmation}
      onKeyDown={(event) => {
        if (event.key === 'Escape') cancel();
      }}
    >
      <p id={confirmId}>
        {account ? t(account.keepsHistory ? 'removeAccountConfirmKeep' : 'removeAccountConfirm', account.name) : t('forgetConfirm')}
      </p>
      {!account && !teamLocked && teamRobots > 0 ? (
        <label class="choice">
          <input type="checkbox" id="forget-team" checked={alsoTeam} onChange={(event) => setAlsoTeam(event.currentTarget.checked)} />
          {t('teamForgetAlso')}
        </label>
      ) : null}
      <button type="button" onClick={() => void onExport()}>
        {t('exportCsv')}
      </button>
      <button
        type="button"
        class="danger"
        onClick={() => {
          setConfirming(false);
          void onForget(!account && teamRobots > 0 && alsoTeam);
        }}
      >
        {t('forgetYes')}
      </button>
      <button type="button" onClick={cancel}>
        {t('cancel')}
      </button>
    </div>
  ) : (
    <button type="button" class="danger" ref={forgetButton} onClick={() => setConfirming(true)}>
      {t(account ? 'removeAccount' : 'forgetKey')}
    </button>
  );
  return account ? (
    <div class="account-remove">{control}</div>
  ) : (
    <section class="panel" aria-labelledby="forget-heading">
      <h2 id="forget-heading">{t('forgetHeading')}</h2>
      <p class="help">{t('forgetHelp')}</p>
      {control}
    </section>
  );
}
