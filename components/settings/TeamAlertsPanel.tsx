import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { requestTeamTest } from '@/utils/messages';
import type { Policy } from '@/utils/settings/policy';
import { teamDestinationsItem } from '@/utils/storage';
import type { Destination } from '@/utils/team/destination';
import { AdminMark } from './AdminMark';
import { TeamAlertsAdd } from './TeamAlertsAdd';
import { TeamAlertsRow, type TestAnswer } from './TeamAlertsRow';
import { answerText } from './team-form';
import { useTeamDestinations, useTeamStatus } from './use-team';

/** Changes the stored list as it is now (another tab may have changed it since this page read it). */
const rewrite = async (change: (list: Destination[]) => Destination[]) =>
  teamDestinationsItem.setValue(change(await teamDestinationsItem.getValue()));

/**
 * "团队提醒" / "Team alerts": the group robots this browser sends alerts to, once per episode. The administrator can
 * turn them off (nothing listed, nothing added) or lock them (listed, not changed).
 */
export function TeamAlertsPanel({ policy }: { policy: Policy | null }) {
  const destinations = useTeamDestinations();
  const status = useTeamStatus();
  const [answers, setAnswers] = useState<Record<string, TestAnswer>>({});
  const [grantRefused, setGrantRefused] = useState<Record<string, boolean>>({});
  const off = policy?.teamAlerts === false;
  const locked = policy?.lockSettings === true;

  const answer = (id: string, value: TestAnswer) => setAnswers((before) => ({ ...before, [id]: value }));
  const test = (destination: Destination) => {
    answer(destination.id, { waiting: true });
    requestTeamTest(destination).then(
      (reply) => answer(destination.id, { waiting: false, ok: reply.kind === 'ok', text: answerText(reply) }),
      (error: unknown) =>
        answer(destination.id, { waiting: false, ok: false, text: t('teamAnswerFailed', error instanceof Error ? error.name : 'Error') }),
    );
  };

  return (
    <section class="panel" aria-labelledby="team-heading">
      <h2 id="team-heading">{t('teamAlertsHeading')}</h2>
      {off ? (
        <p class="settings-note" role="note">
          {t('teamAlertsOff')}
        </p>
      ) : (
        <>
          <p class="help">{t('teamAlertsHelp')}</p>
          <p class="help">{t('teamAlertsOneBrowser')}</p>
          <AdminMark id="team-alerts" control={locked ? 'locked' : null} />
          {destinations.length === 0 ? (
            <p class="team-none">{t('teamAlertsNone')}</p>
          ) : (
            <ul class="team-robots" aria-label={t('teamRobots')}>
              {destinations.map((destination) => (
                <TeamAlertsRow
                  key={destination.id}
                  destination={destination}
                  status={status[destination.id]}
                  answer={answers[destination.id]}
                  locked={locked}
                  onTest={() => test(destination)}
                  onRecovery={(recovery) => void rewrite((list) => list.map((d) => (d.id === destination.id ? { ...d, recovery } : d)))}
                  onRemove={() => void rewrite((list) => list.filter((d) => d.id !== destination.id))}
                  grantRefused={grantRefused[destination.id] === true}
                  onGrantRefused={(refused) => setGrantRefused((before) => ({ ...before, [destination.id]: refused }))}
                />
              ))}
            </ul>
          )}
          {locked ? null : <TeamAlertsAdd onAdded={test} listed={destinations} />}
        </>
      )}
    </section>
  );
}
