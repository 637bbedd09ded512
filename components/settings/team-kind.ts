// The names of the group robots' kinds, for the settings page and the popup's one line.
import { t, type MessageKey } from '@/utils/i18n';
import type { TeamKind } from '@/utils/team/destination';

const KIND_NAMES: Record<TeamKind, MessageKey> = {
  dingtalk: 'teamKindDingtalk',
  wecom: 'teamKindWecom',
  feishu: 'teamKindFeishu',
  lark: 'teamKindLark',
  slack: 'teamKindSlack',
};

/** "钉钉", "企业微信", "飞书", "Lark", "Slack" (DingTalk, WeCom, Feishu in English). */
export const kindName = (kind: TeamKind): string => t(KIND_NAMES[kind]);
