import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../model/app-error.js';
import { ENTITY_NAMES, type EntityName } from '../model/entities.js';
import { issue, type Issue } from '../model/issue.js';

export interface CanonicalPlan {
  /** practice.json of the (last) folder that has one. */
  practiceJson?: string;
  /** Entity files in load order (ENTITIES order, then argument order). */
  files: Array<{ entity: EntityName; path: string }>;
  /** Info about files that are not part of the format. */
  issues: Issue[];
}

const entityOf = (name: string): EntityName | undefined => {
  const m = /^(.+)\.csv$/i.exec(name);
  return ENTITY_NAMES.find((e) => e === m?.[1]?.toLowerCase());
};

/**
 * Resolves import arguments (canonical folders, or single CSV files named after an entity)
 * into the files to load. A missing path or a file named after no entity is a user error.
 */
export function planCanonicalSources(sources: string[]): CanonicalPlan {
  const plan: CanonicalPlan = { files: [], issues: [] };
  for (const source of sources) {
    let isDir: boolean;
    try {
      isDir = statSync(source).isDirectory();
    } catch {
      throw new AppError('BAD_INPUT', `${source}: no such file or folder`);
    }
    if (!isDir) {
      const entity = entityOf(basename(source));
      if (!entity) {
        throw new AppError(
          'USAGE',
          `${source}: a single file must be named after an entity (${ENTITY_NAMES.map((e) => `${e}.csv`).join(', ')})`,
        );
      }
      plan.files.push({ entity, path: source });
      continue;
    }
    for (const name of readdirSync(source).sort()) {
      const path = join(source, name);
      if (name === 'practice.json') plan.practiceJson = path;
      else if (entityOf(name)) plan.files.push({ entity: entityOf(name)!, path });
      else if (!name.startsWith('.')) {
        plan.issues.push(
          issue(
            'info',
            'unknown_file',
            `${name} is not a file of the canonical format: skipped`,
            name,
          ),
        );
      }
    }
  }
  plan.files.sort((a, b) => ENTITY_NAMES.indexOf(a.entity) - ENTITY_NAMES.indexOf(b.entity));
  return plan;
}
