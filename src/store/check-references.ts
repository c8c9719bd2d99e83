import type { Cell } from '../ingest/table-batches.js';
import { ENTITIES, type EntityName } from '../model/entities.js';
import { issue, type Issue } from '../model/issue.js';
import type { Db } from './database.js';
import { existingIds } from './entity.repository.js';

/** Ids kept per entity before the set is started afresh. */
const KNOWN_LIMIT = 100_000;

/**
 * Ids known to exist in the practice during one import (its transaction only adds rows, so a
 * known id stays known): batches query only the ids not seen yet. Bounded per entity.
 */
export class KnownIds {
  readonly #sets = new Map<EntityName, Set<string>>();

  has(entity: EntityName, id: string): boolean {
    return this.#sets.get(entity)?.has(id) ?? false;
  }

  add(entity: EntityName, id: string): void {
    let s = this.#sets.get(entity);
    if (!s) this.#sets.set(entity, (s = new Set()));
    else if (s.size >= KNOWN_LIMIT) s.clear();
    s.add(id);
  }
}

/** Positional rows of one batch (see TableBatch). */
export interface BatchRows {
  columns: string[];
  lines: number[];
  values: Cell[][];
}

/**
 * Rejects the rows of a batch whose references name no record of the practice (stored before,
 * or loaded earlier in this transaction): at most one query per referenced entity per batch, for
 * the ids `known` does not hold yet. `file` names the source (`file:line:field`), or is the
 * function giving a row's issue path. Returns the indexes of the rows kept.
 */
export async function checkReferences(
  db: Db,
  entity: EntityName,
  practiceId: string,
  rows: BatchRows,
  file: string | ((line: number, field: string) => string),
  known: KnownIds = new KnownIds(),
): Promise<{ kept: number[]; issues: Issue[]; rejected: number }> {
  const at = typeof file === 'string' ? (l: number, f: string) => `${file}:${l}:${f}` : file;
  const refs = Object.entries(ENTITIES[entity].refs) as Array<[string, EntityName]>;
  const all = () => rows.values.map((_, n) => n);
  if (refs.length === 0 || rows.values.length === 0) {
    return { kept: all(), issues: [], rejected: 0 };
  }
  const bad = new Map<number, Issue[]>();
  for (const [field, target] of refs) {
    const c = rows.columns.indexOf(field);
    if (c < 0) continue;
    const ask = new Set<string>();
    for (const v of rows.values) {
      const x = v[c];
      if (x !== null && x !== undefined && !known.has(target, String(x))) ask.add(String(x));
    }
    if (ask.size === 0) continue;
    const found = await existingIds(db, target, practiceId, [...ask]);
    for (const id of found) known.add(target, id);
    rows.values.forEach((v, n) => {
      const x = v[c];
      if (x === null || x === undefined || !ask.has(String(x)) || found.has(String(x))) return;
      const i = issue(
        'error',
        'unknown_reference',
        `${field}: "${x}" is not in ${target} of practice ${practiceId}`,
        at(rows.lines[n]!, field),
      );
      const list = bad.get(n);
      if (list) list.push(i);
      else bad.set(n, [i]);
    });
  }
  if (bad.size === 0) return { kept: all(), issues: [], rejected: 0 };
  return {
    kept: all().filter((n) => !bad.has(n)),
    issues: [...bad.values()].flat(),
    rejected: bad.size,
  };
}
