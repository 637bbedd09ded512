// The team alerts panel's words and its new destination, as pure functions (the panel is TeamAlertsPanel.tsx).
import { t } from '@/utils/i18n';
import {
  checkAddress,
  cleanTyped,
  KIND_ORIGINS,
  SIGNED_KINDS,
  type AddressProblem,
  type Destination,
  type TeamKind,
} from '@/utils/team/destination';
import type { RobotAnswer } from '@/utils/team/robot-request';
import { kindName } from './team-kind';

/** A robot's answer (to a test message, or the refusal that paused its alerts) in words. */
export function answerText(answer: RobotAnswer): string {
  if (answer.kind === 'ok') return t('teamAnswerOk');
  if (answer.kind === 'retry') {
    if (answer.reason === 'network') return t('teamAnswerNetwork');
    return t(answer.reason === 'rate' ? 'teamAnswerRate' : 'teamAnswerServer', answer.code ?? '');
  }
  switch (answer.reason) {
    case 'keyword-sign-ip':
      return t('teamAnswerKeywordSignIp', answer.code);
    case 'address':
      return t('teamAnswerAddress', answer.code);
    case 'signature':
      return t('teamAnswerSignature', answer.code);
    case 'keyword':
      return t('teamAnswerKeyword', answer.code);
    case 'other':
      return t('teamAnswerOther', [answer.code, answer.detail]).trim();
    case 'permission':
      return t('teamAnswerPermission', answer.detail);
  }
}

/** Why the typed address cannot be used for the kind, in words. */
export function problemText(kind: TeamKind, problem: AddressProblem): string {
  switch (problem) {
    case 'empty':
      return t('teamProblemEmpty');
    case 'not-https':
      return t('teamProblemNotHttps');
    case 'wrong-host':
      return t('teamProblemWrongHost', [kindName(kind), `${KIND_ORIGINS[kind]}/`]);
    case 'wrong-path':
      return t('teamProblemWrongPath');
    case 'no-token':
      return t('teamProblemNoToken');
  }
}

/** An example of each kind's address, for the field's placeholder (no real token). */
export const ADDRESS_EXAMPLES: Record<TeamKind, string> = {
  dingtalk: `${KIND_ORIGINS.dingtalk}/robot/send?access_token=…`,
  wecom: `${KIND_ORIGINS.wecom}/cgi-bin/webhook/send?key=…`,
  feishu: `${KIND_ORIGINS.feishu}/open-apis/bot/v2/hook/…`,
  lark: `${KIND_ORIGINS.lark}/open-apis/bot/v2/hook/…`,
  slack: `${KIND_ORIGINS.slack}/services/…`,
};

/** What the add form holds as typed. */
export interface TeamDraft {
  kind: TeamKind;
  address: string;
  secret: string;
  keyword: string;
}

/** A new id for a destination: random, so that two tabs adding at once never share one. */
export const newDestinationId = (): string => `team-${crypto.randomUUID()}`;

/**
 * The destination the add form describes, or why its address cannot be used. A secret only for kinds that sign, a
 * keyword only for DingTalk; "back to normal" on. Pure but for the id passed in.
 */
export function draftDestination(draft: TeamDraft, id: string): { destination: Destination } | { problem: AddressProblem } {
  const checked = checkAddress(draft.kind, draft.address);
  if ('problem' in checked) return checked;
  const secret = SIGNED_KINDS.includes(draft.kind) ? cleanTyped(draft.secret) : '';
  const keyword = draft.kind === 'dingtalk' ? draft.keyword.trim() : '';
  return {
    destination: { id, kind: draft.kind, url: checked.url, ...(secret && { secret }), ...(keyword && { keyword }), recovery: true },
  };
}
