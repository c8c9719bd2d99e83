import type { StoredTable } from './dialect.js';
import { PRACTICE_COLUMN, PRACTICE_TABLES, REFERENCE_TABLES } from './practice-tables.js';

/**
 * What keeps a schema from being distributed by practice on Citus, one sentence per problem:
 * a table in neither list of `practice-tables.ts`; a practice table without a NOT NULL
 * `practice_id`; a primary key, unique index or constraint of a practice table that does not
 * lead with `practice_id`; a foreign key between practice tables that does not lead with it on
 * both sides. (A foreign key from a practice table to a reference table is what Citus allows.)
 */
export function practiceKeyProblems(
  tables: readonly StoredTable[],
  lists: { practice: ReadonlySet<string>; reference: ReadonlySet<string> } = {
    practice: PRACTICE_TABLES,
    reference: REFERENCE_TABLES,
  },
): string[] {
  const problems: string[] = [];
  for (const t of tables) {
    if (lists.reference.has(t.table)) continue;
    if (!lists.practice.has(t.table)) {
      problems.push(
        `table ${t.table} is neither a practice table nor a reference table (src/store/practice-tables.ts)`,
      );
      continue;
    }
    const column = t.columns.find((c) => c.name === PRACTICE_COLUMN);
    if (!column || !column.notNull) {
      problems.push(`practice table ${t.table} has no NOT NULL ${PRACTICE_COLUMN}`);
    }
    for (const k of t.keys) {
      // Only a unique index is named: the names of keys and constraints differ by dialect.
      const kind = k.kind === 'unique' ? `unique index ${k.name}` : `${k.kind} key`;
      const what = `${kind} of ${t.table} (${k.columns.join(', ')})`;
      if (k.kind === 'foreign') {
        const to = k.references;
        if (to && lists.reference.has(to.table)) continue;
        if (k.columns[0] !== PRACTICE_COLUMN || to?.columns[0] !== PRACTICE_COLUMN) {
          problems.push(
            `${what} → ${to?.table}(${to?.columns.join(', ')}) does not lead with ${PRACTICE_COLUMN} on both sides`,
          );
        }
      } else if (k.columns[0] !== PRACTICE_COLUMN) {
        problems.push(`${what} does not lead with ${PRACTICE_COLUMN}`);
      }
    }
  }
  return problems;
}
