import type { AlertCondition, ChannelView } from '../api/alerts-api';
import type { KpiMeta } from '../api/api-types';
import { BAND_TEXT } from './bands';
import { formatDelta, type Formatter } from './format';

export const ALERT_KINDS = [
  'kpi_band',
  'target_off_track',
  'therapist_over_limit',
  'data_stale',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const KIND_TEXT: Record<AlertKind, string> = {
  kpi_band: 'A measure in a band',
  target_off_track: 'A target off track',
  therapist_over_limit: 'A therapist over their own limit',
  data_stale: 'No fresh data',
};

const times = (k: number, period: string) =>
  k === 1 ? `one ${period}` : `${k} ${period}s in a row`;

/** Who or what a rule watches, before any evaluation names its subjects. */
export function ruleSubjectText(c: AlertCondition): string {
  switch (c.type) {
    case 'kpi_band':
      return c.scope.kind === 'practice'
        ? 'Whole practice'
        : `${c.scope.kind === 'service' ? 'Service' : 'Channel'}: ${c.scope.key ?? ''}`;
    case 'target_off_track':
      return 'Every practice, service and channel target';
    case 'therapist_over_limit':
      return 'Each therapist with a daily limit';
    case 'data_stale':
      return 'Imports and pushes of the practice';
  }
}

/** The condition in a sentence: when it fires and when it resolves. */
export function conditionText(c: AlertCondition, meta: KpiMeta | undefined): string {
  switch (c.type) {
    case 'kpi_band':
      return (
        `${meta?.name ?? c.kpi} (${c.period === 'week' ? 'weekly' : 'monthly'} figure) is ` +
        `${BAND_TEXT[c.band].toLowerCase()} for ${times(c.consecutive, c.period)}`
      );
    case 'target_off_track':
      return `A target's check-in is off track for ${times(c.consecutive, 'period')}; it resolves once on track again`;
    case 'therapist_over_limit':
      return (
        `A therapist worked over their own daily limit on ${c.days} or more days of a week, ` +
        `for ${times(c.consecutive, 'week')}`
      );
    case 'data_stale':
      return `No import or push has finished for more than ${c.days} days (checked every day)`;
  }
}

/** The recovery margin where it applies (a measure's band), else how the rule resolves. */
export function marginText(fmt: Formatter, c: AlertCondition, meta: KpiMeta | undefined) {
  if (c.type === 'kpi_band') {
    if (c.recovery_margin === 0) return 'None: resolves as soon as the figure leaves the band';
    const by = formatDelta(fmt, c.recovery_margin, meta?.unit ?? 'score').replace(/^[+±]/, '');
    return `Resolves once the figure is ${by} beyond the band's edge`;
  }
  if (c.type === 'target_off_track') return 'Not used: resolves when on track';
  if (c.type === 'therapist_over_limit') return 'Not used: resolves on a week under the limit';
  return 'Not used: resolves on the next import';
}

/** A subject of an evaluation (`practice`, `service:x`, `therapist:t1`, `target:tg_…`). */
export function subjectText(subject: string, names: Map<string, string> = new Map()): string {
  if (subject === 'practice') return 'Whole practice';
  const i = subject.indexOf(':');
  const dim = subject.slice(0, i);
  const key = subject.slice(i + 1);
  const named = names.get(subject);
  if (dim === 'service') return `Service: ${key}`;
  if (dim === 'channel') return `Channel: ${key}`;
  if (dim === 'therapist') return `Therapist: ${named ?? key}`;
  if (dim === 'target') return `Target: ${named ?? key}`;
  return subject;
}

/** Where a delivery goes, without anything that may be a secret: a URL's host, an address. */
export function destinationText(channel: string, target: string): string {
  if (channel !== 'webhook') return target;
  try {
    return new URL(target).host;
  } catch {
    return 'webhook';
  }
}

/** A channel of a rule in words; a webhook shows its URL (never its secret). */
export function channelText(ch: ChannelView): string {
  if (ch.kind === 'webhook') return `Webhook ${ch.url}`;
  if (ch.kind === 'email') return `E-mail to ${ch.to.join(', ')}`;
  return "E-mail to each recipient's address";
}
