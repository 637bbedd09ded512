import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { KIND_ORIGINS, maskAddress, teamPermission, type Destination } from '@/utils/team/destination';
import type { DestinationStatus } from '@/utils/team/outbox';
import { answerText } from './team-form';
import { kindName } from './team-kind';

/** The last test of a robot on this page: waiting for its answer, or the answer in words. */
export type TestAnswer = { waiting: true } | { waiting: false; ok: boolean; text: string };

interface Props {
  destination: Destination;
  status: DestinationStatus | undefined;
  answer: TestAnswer | undefined;
  /** The administrator locks the settings: shown, not changed (a test message can still be sent). */
  locked: boolean;
  onTest: () => void;
  onRecovery: (recovery: boolean) => void;
  onRemove: () => void;
  /** "Grant again" was answered no. */
  grantRefused: boolean;
  onGrantRefused: (refused: boolean) => void;
}

/**
 * One robot: its kind, its address masked (the address and the secret are never put back into the page), whether it
 * signs, its keyword; a refusal or a missing permission that pauses its alerts; its test and its settings.
 */
export function TeamAlertsRow({ destination, status, answer, locked, onTest, onRecovery, onRemove, grantRefused, onGrantRefused }: Props) {
  const { id, kind } = destination;
  const nameId = `team-${id}-name`;
  // The request comes first in the click, with nothing awaited before it (Firefox refuses one outside the gesture).
  const grantAgain = () =>
    void browser.permissions.request(teamPermission(kind)).then(
      (granted) => onGrantRefused(!granted),
      () => onGrantRefused(true),
    );
  return (
    <li class="team-robot" aria-labelledby={nameId} data-team-id={id}>
      <p class="team-robot-name">
        <strong id={nameId}>{kindName(kind)}</strong> <span class="masked-key team-address">{maskAddress(destination.url)}</span>
      </p>
      {destination.secret || destination.keyword ? (
        <p class="help">
          {[destination.secret ? t('teamSigned') : '', destination.keyword ? t('teamKeywordShown', destination.keyword) : '']
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
      {status?.refused ? (
        <p class="field-problem team-refused" role="alert">
          {t('teamRefusedStatus', answerText({ kind: 'refused', ...status.refused }))}
        </p>
      ) : null}
      {status?.noPermission ? (
        <div class="team-permission" role="alert">
          <p class="field-problem">{t('teamNoPermission', KIND_ORIGINS[kind])}</p>
          <button type="button" class="team-grant" onClick={grantAgain}>
            {t('teamGrantAgain')}
          </button>
          {grantRefused ? <p class="field-problem">{t('teamGrantRefused')}</p> : null}
        </div>
      ) : null}
      <label class="choice">
        <input
          type="checkbox"
          class="team-recovery"
          checked={destination.recovery}
          disabled={locked}
          onChange={(event) => onRecovery(event.currentTarget.checked)}
        />
        {t('teamRecovery')}
      </label>
      <div class="form-actions">
        <button type="button" class="team-test" disabled={answer?.waiting === true} onClick={onTest}>
          {t('teamTest')}
        </button>
        {locked ? null : (
          <button type="button" class="danger team-remove" onClick={onRemove}>
            {t('teamRemove')}
          </button>
        )}
      </div>
      <p class={answer && !answer.waiting && !answer.ok ? 'team-answer field-problem' : 'team-answer'} role="status">
        {answer === undefined ? null : answer.waiting ? t('teamTesting') : answer.text}
      </p>
    </li>
  );
}
