import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { afterFirstPaint } from '@/utils/after-first-paint';
import { t } from '@/utils/i18n';
import type { Destination, TeamKind } from '@/utils/team/destination';
import type { DestinationStatus } from '@/utils/team/outbox';

/**
 * "团队提醒：钉钉 机器人拒绝了消息（310000）": one line when a robot refuses the alerts or lost its site access, read
 * after the first paint (teamDestinations and teamStatus are not first-paint keys), opening the settings page.
 */
export function TeamNotice() {
  const [line, setLine] = useState('');
  useEffect(
    () =>
      afterFirstPaint(
        () =>
          void browser.storage.local.get(['teamDestinations', 'teamStatus']).then((stored) => {
            const status = (stored.teamStatus ?? {}) as Record<string, DestinationStatus>;
            for (const { id, kind } of (Array.isArray(stored.teamDestinations) ? stored.teamDestinations : []) as Destination[]) {
              const { refused, noPermission } = status[id] ?? {};
              // The kind's name ("teamKindDingtalk"), as the settings page's kindName says it, without its table here
              // (tsc checks that each kind has its message).
              const name = t(`teamKind${kind[0]?.toUpperCase()}${kind.slice(1)}` as `teamKind${Capitalize<TeamKind>}`);
              if (refused || noPermission)
                return setLine(refused ? t('teamPopupRefused', [name, refused.code]) : t('teamPopupNoPermission', name));
            }
          }),
      ),
    [],
  );
  return line ? (
    <p class="settings-note">
      <a href="/options.html" target="_blank" rel="noreferrer">
        {line}
      </a>
    </p>
  ) : null;
}
