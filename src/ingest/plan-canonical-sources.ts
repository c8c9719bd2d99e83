import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../model/app-error.js';
import { ENTITY_NAMES, type EntityName } from '../model/entities.js';
import { issue, type Issue } from '../model/issue.js';
import { nearestName } from './nearest-name.js';

export interface CanonicalPlan {
  /** practice.json of the (last) folder that has one. */
  practiceJson?: string;
  /** Entity files in load order (ENTITIES order, then argument order). */
  files: Array<{ entity: EntityName; path: string }>;
  /** Files that are not part of the format: a warning for a CSV file, info for others. */
  issues: Issue[];
}

/** The file names of the canonical format, in load order. */
export const CANONICAL_NAMES = ['practice.json', ...ENTITY_NAMES.map((e) => `${e}.csv`)];

/** The entity a file is named after: exact lower-case names only (`clients.csv`). */
const entityOf = (name: string): EntityName | undefined =>
  ENTITY_NAMES.find((e) => name === `${e}.csv`);

/** ` (did you mean clients.csv?)`, or nothing when no known name is close. */
const suggestion = (name: string): string => {
  const near = nearestName(name, CANONICAL_NAMES);
  return near ? ` (did you mean ${near}?)` : '';
};

const EXPECTED = `expected file names: ${CANONICAL_NAMES.join(', ')}`;

/**
 * Resolves import arguments (canonical folders, or single CSV files named after an entity)
 * into the files to load. Names must match exactly, in lower case; any other file is reported
 * with the nearest known name. A missing path, a single file named after no entity, or sources
 * that hold nothing to import are user errors.
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
          `${source}: a single file must be named after an entity${suggestion(basename(source))}; ${EXPECTED}`,
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
        const csv = /\.csv$/i.test(name);
        plan.issues.push(
          issue(
            csv ? 'warning' : 'info',
            'unknown_file',
            `${name} is not a file of the canonical format: skipped${suggestion(name)}`,
            name,
          ),
        );
      }
    }
  }
  if (plan.files.length === 0 && !plan.practiceJson) {
    const found = plan.issues.map((i) => `${i.path}${suggestion(i.path)}`);
    throw new AppError(
      'USAGE',
      `nothing to import in ${sources.join(', ')}: ${found.length > 0 ? `found only ${found.join(', ')}` : 'no files'}; ${EXPECTED}`,
      plan.issues,
    );
  }
  plan.files.sort((a, b) => ENTITY_NAMES.indexOf(a.entity) - ENTITY_NAMES.indexOf(b.entity));
  return plan;
}
