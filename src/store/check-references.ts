import type { ValidRow } from '../ingest/read-entity-batches.js';
import { ENTITIES, type EntityName } from '../model/entities.js';
import { issue, type Issue } from '../model/issue.js';
import type { Db } from './database.js';
import { existingIds } from './entity.repository.js';

/**
 * Rejects the rows of a batch whose references name no record of the practice (stored before,
 * or loaded earlier in this transaction): one query per referenced entity per batch.
 */
export async function checkReferences(
  db: Db,
  entity: EntityName,
  practiceId: string,
  rows: ValidRow[],
  file: string,
): Promise<{ kept: ValidRow[]; issues: Issue[]; rejected: number }> {
  const refs = Object.entries(ENTITIES[entity].refs) as Array<[string, EntityName]>;
  if (refs.length === 0 || rows.length === 0) return { kept: rows, issues: [], rejected: 0 };
  const bad = new Map<ValidRow, Issue[]>();
  for (const [field, target] of refs) {
    const ids = new Set<string>();
    for (const r of rows) {
      const v = r.row[field];
      if (v !== null && v !== undefined) ids.add(String(v));
    }
    const known = await existingIds(db, target, practiceId, [...ids]);
    for (const r of rows) {
      const v = r.row[field];
      if (v === null || v === undefined || known.has(String(v))) continue;
      const found = issue(
        'error',
        'unknown_reference',
        `${field}: "${v}" is not in ${target} of practice ${practiceId}`,
        `${file}:${r.line}:${field}`,
      );
      bad.set(r, [...(bad.get(r) ?? []), found]);
    }
  }
  if (bad.size === 0) return { kept: rows, issues: [], rejected: 0 };
  return {
    kept: rows.filter((r) => !bad.has(r)),
    issues: [...bad.values()].flat(),
    rejected: bad.size,
  };
}
