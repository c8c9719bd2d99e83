import type { EntityName } from '../model/entities.js';
import type { Issue } from '../model/issue.js';
import type { Practice } from '../model/practice.js';
import { readEntityBatches, type EntityBatchOptions } from './read-entity-batches.js';

/** A stored value: text, number or null. */
export type Cell = string | number | null;

/**
 * An entity batch with its valid rows as positional arrays (cheap to pass between threads):
 * `values[n]` holds the row read at `lines[n]`, in the order of `columns`.
 */
export interface TableBatch {
  columns: string[];
  lines: number[];
  values: Cell[][];
  issues: Issue[];
  rejected: number;
  read: number;
  bytes: number;
}

/** readEntityBatches, with the rows of each batch as positional arrays. */
export async function* readTableBatches(
  entity: EntityName,
  path: string,
  practice: Practice,
  opts: EntityBatchOptions = {},
): AsyncGenerator<TableBatch> {
  for await (const b of readEntityBatches(entity, path, practice, opts)) {
    const columns = b.rows.length > 0 ? Object.keys(b.rows[0]!.row) : [];
    const lines = new Array<number>(b.rows.length);
    const values = new Array<Cell[]>(b.rows.length);
    for (let n = 0; n < b.rows.length; n++) {
      const { line, row } = b.rows[n]!;
      const v = new Array<Cell>(columns.length);
      for (let c = 0; c < columns.length; c++) v[c] = row[columns[c]!] ?? null;
      lines[n] = line;
      values[n] = v;
    }
    yield {
      columns,
      lines,
      values,
      issues: b.issues,
      rejected: b.rejected,
      read: b.read,
      bytes: b.bytes,
    };
  }
}
