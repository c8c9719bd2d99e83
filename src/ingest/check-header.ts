import type { EntityName } from '../model/entities.js';
import { issue, type Issue } from '../model/issue.js';
import { entityColumns } from './entity-columns.js';

export interface HeaderPlan {
  /** Known columns present in the file, with their cell index. */
  columns: Array<[name: string, index: number]>;
  issues: Issue[];
  /** False when a required column is missing: the whole file is rejected. */
  ok: boolean;
}

/** Matches a CSV header against an entity's columns: unknown ones warned, missing ones fatal. */
export function checkHeader(entity: EntityName, header: string[], file: string): HeaderPlan {
  const { known, required } = entityColumns(entity);
  const names = header.map((h) => h.trim());
  const columns: HeaderPlan['columns'] = [];
  const issues: Issue[] = [];
  names.forEach((name, index) => {
    if (known.includes(name)) columns.push([name, index]);
  });
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    issues.push(
      issue(
        'warning',
        'unknown_column',
        `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} ignored`,
        `${file}:1`,
      ),
    );
  }
  const missing = required.filter((r) => !names.includes(r));
  for (const m of missing) {
    issues.push(
      issue(
        'error',
        'missing_column',
        `required column "${m}" is missing: the file is rejected, every row of it`,
        `${file}:1:${m}`,
      ),
    );
  }
  return { columns, issues, ok: missing.length === 0 };
}
