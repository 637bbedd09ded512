import { useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { teamDestinationsItem } from '@/utils/storage';
import {
  KIND_ORIGINS,
  kindOfAddress,
  teamPermission,
  SIGNED_KINDS,
  TEAM_KINDS,
  type AddressProblem,
  type Destination,
} from '@/utils/team/destination';
import { Field } from './Field';
import { ADDRESS_EXAMPLES, draftDestination, newDestinationId, problemText, type TeamDraft } from './team-form';
import { kindName } from './team-kind';

const EMPTY: TeamDraft = { kind: 'dingtalk', address: '', secret: '', keyword: '' };

type Outcome = { kind: 'denied'; origin: string } | { kind: 'failed'; reason: string } | { kind: 'duplicate' } | null;

/**
 * "Add a robot": its kind, its webhook address (checked as typed; an address of another kind switches the kind), its
 * signing secret and keyword where the kind has them. "Add" asks for the robot's site first, in the click itself.
 */
export function TeamAlertsAdd({ onAdded, listed }: { onAdded: (destination: Destination) => void; listed: Destination[] }) {
  const [draft, setDraft] = useState(EMPTY);
  const [problem, setProblem] = useState<AddressProblem | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const addressRef = useRef<HTMLInputElement>(null);
  const { kind } = draft;
  const change = (part: Partial<TeamDraft>) => setDraft((before) => ({ ...before, ...part }));

  const check = (address: string) => {
    const made = draftDestination({ ...draft, address }, '');
    setProblem('problem' in made ? made.problem : null);
  };

  const add = () => {
    // The address is checked before anything is asked: a wrong one never asks for a permission.
    const made = draftDestination(draft, newDestinationId());
    if ('problem' in made) {
      setProblem(made.problem);
      addressRef.current?.focus();
      return;
    }
    const { destination } = made;
    // The same robot twice would get every alert twice.
    if (listed.some((other) => other.url === destination.url)) {
      setOutcome({ kind: 'duplicate' });
      addressRef.current?.focus();
      return;
    }
    setOutcome(null);
    setBusy(true);
    // First in the click, with no await before it: Firefox refuses a request outside the user's gesture.
    void browser.permissions
      .request(teamPermission(destination.kind))
      .then(async (granted) => {
        if (!granted) {
          setOutcome({ kind: 'denied', origin: KIND_ORIGINS[destination.kind] });
          return;
        }
        await teamDestinationsItem.setValue([...(await teamDestinationsItem.getValue()), destination]);
        setDraft({ ...EMPTY, kind: destination.kind });
        setProblem(null);
        onAdded(destination);
      })
      .catch((error: unknown) => setOutcome({ kind: 'failed', reason: error instanceof Error ? error.name : 'Error' }))
      .finally(() => setBusy(false));
  };

  return (
    <fieldset class="team-add">
      <legend>{t('teamAddHeading')}</legend>
      <div class="field">
        <label for="team-kind">{t('teamKindLabel')}</label>
        <select
          id="team-kind"
          value={kind}
          onChange={(event) => {
            change({ kind: event.currentTarget.value as TeamDraft['kind'] });
            setProblem(null);
          }}
        >
          {TEAM_KINDS.map((option) => (
            <option key={option} value={option}>
              {kindName(option)}
            </option>
          ))}
        </select>
      </div>
      <Field
        id="team-address"
        label={t('teamAddressLabel')}
        value={draft.address}
        placeholder={ADDRESS_EXAMPLES[kind]}
        problemText={problem ? problemText(kind, problem) : null}
        inputRef={addressRef}
        onInput={(address) => {
          // A pasted address of another kind's robot: the kind follows it.
          const pasted = kindOfAddress(address);
          change({ address, ...(pasted && pasted !== kind && { kind: pasted }) });
          if (problem) setProblem(null);
        }}
        onCommit={check}
      />
      {SIGNED_KINDS.includes(kind) ? (
        <Field
          id="team-secret"
          type="password"
          label={t('teamSecretLabel')}
          value={draft.secret}
          help={t(kind === 'dingtalk' ? 'teamSecretHelpDingtalk' : 'teamSecretHelpFeishu')}
          onInput={(secret) => change({ secret })}
        />
      ) : null}
      {kind === 'dingtalk' ? (
        <Field
          id="team-keyword"
          label={t('teamKeywordLabel')}
          value={draft.keyword}
          help={t('teamKeywordHelp')}
          onInput={(keyword) => change({ keyword })}
        />
      ) : null}
      <button type="button" id="team-add" class="primary" disabled={busy} onClick={add}>
        {t('teamAdd')}
      </button>
      <div class="outcome" aria-live="polite">
        {outcome?.kind === 'denied' ? <p role="alert">{t('teamPermissionNeeded', outcome.origin)}</p> : null}
        {outcome?.kind === 'duplicate' ? <p role="alert">{t('teamDuplicate')}</p> : null}
        {outcome?.kind === 'failed' ? <p role="alert">{t('errorSaveFailed', outcome.reason)}</p> : null}
      </div>
    </fieldset>
  );
}
