import type { CheckinStatus } from '../api/targets-api';
import type { Unit } from '../api/api-types';
import type { TargetKind } from '../api/targets-api';
import { formatValue, type Formatter } from '../lib/format';

export const STATUS_TEXT: Record<CheckinStatus, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  not_enough_data: 'Not enough data',
};

const STATUS_MARK: Record<CheckinStatus, string> = {
  on_track: '●',
  at_risk: '▲',
  off_track: '■',
  not_enough_data: '○',
};

/** A check-in status (or a person's confidence) in words, with a colour and a shape. */
export function TargetStatus({ status, prefix }: { status: CheckinStatus; prefix?: string }) {
  return (
    <span className={`target-status target-status-${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_MARK[status]}</span> {prefix}
      {STATUS_TEXT[status]}
    </span>
  );
}

/** The kind of a target in words: "from 15 % to 8 % by 2026-03-02", "stay above 80 %". */
export function kindText(fmt: Formatter, kind: TargetKind, unit: Unit): string {
  const v = (x: number) => formatValue(fmt, x, unit);
  switch (kind.type) {
    case 'from_to':
      return `from ${v(kind.start_value)} to ${v(kind.goal)} by ${kind.due}`;
    case 'above':
      return `stay above ${v(kind.x)}`;
    case 'below':
      return `stay below ${v(kind.x)}`;
    case 'within':
      return `stay within ${v(kind.lo)} – ${v(kind.hi)}`;
  }
}

/** A target's scope in words. */
export function scopeText(scope: string): string {
  if (scope === 'practice') return 'Whole practice';
  const i = scope.indexOf(':');
  const dim = scope.slice(0, i);
  const value = scope.slice(i + 1);
  if (dim === 'service') return `Service: ${value}`;
  if (dim === 'channel') return `Channel: ${value}`;
  return 'Personal target (only you see it)';
}
