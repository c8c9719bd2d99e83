import type { Target } from '../../model/target.js';

/**
 * What the audit log says of a target: its KPI, scope, kind and cadence (ids and names of the
 * catalog), never its title or notes, which are a person's own words.
 */
export const targetAudit = (t: Target): Record<string, unknown> => ({
  kpi_id: t.kpi_id,
  scope: t.scope,
  kind: t.kind.type,
  cadence: t.cadence,
});

/** The names of the fields whose value differs between two versions of a target, sorted. */
export function changedFields(before: Target, after: Target): string[] {
  const keys = ['kind', 'title', 'start_date', 'cadence', 'notes', 'followers'] as const;
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** The fields a check-in note sets (`note`, `confidence`): names only, never the note's text. */
export const noteFields = (n: { note: string | null; confidence: string | null }): string[] =>
  (['confidence', 'note'] as const).filter((k) => n[k] !== null);
