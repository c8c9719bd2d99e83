import type { AppointmentStatus } from '../../model/appointment.js';
import type { ExportHeader } from './export-header.js';
import type { Condition, Mapping, StatusRule } from './mapping.schema.js';

export interface ResolvedStatus {
  status: AppointmentStatus;
  cancelledBy: StatusRule['cancelledBy'] | null;
}

const norm = (v: string) => v.trim().replace(/\s+/g, ' ').toLowerCase();

function holds(cond: Condition, value: string, other: (col: string) => string): boolean {
  if (Array.isArray(cond)) return cond.some((c) => norm(c) === norm(value));
  if ('sameAs' in cond) {
    const o = other(cond.sameAs);
    return value !== '' && o !== '' && norm(value) === norm(o);
  }
  return cond.empty === (value === '');
}

/**
 * The first status rule whose conditions all hold for the row, or null. `ended` tells whether
 * the session is over at import time (rules with `ifFuture` use it).
 */
export function resolveStatus(
  mapping: Mapping,
  header: ExportHeader,
  cells: string[],
  ended: boolean,
): ResolvedStatus | null {
  const cell = (col: string) => header.cell(cells, col);
  for (const rule of mapping.status.rules) {
    const match = Object.entries(rule.when).every(([col, cond]) => holds(cond, cell(col), cell));
    if (!match) continue;
    const status = !ended && rule.ifFuture ? rule.ifFuture : rule.status;
    const cancelled = status === 'cancelled' || status === 'late_cancelled';
    return { status, cancelledBy: cancelled ? (rule.cancelledBy ?? null) : null };
  }
  return null;
}

/** `Status "Rescheduled"`: the status cells, for the message of an unmapped status. */
export function describeStatusCells(
  mapping: Mapping,
  header: ExportHeader,
  cells: string[],
): string {
  return mapping.status.columns
    .map((c) => `${header.display(c)} "${header.cell(cells, c)}"`)
    .join(', ');
}
