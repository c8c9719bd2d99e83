import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Issue } from '../../model/issue.js';
import { issue } from '../../model/issue.js';
import type { Mapping } from './mapping.schema.js';
import { personalColumnIssues, ZMapping } from './mapping.schema.js';

export type MappingResult = { mapping: Mapping; issues: [] } | { mapping: null; issues: Issue[] };

/** `$.status.rules[2].status` — the JSON path of a zod issue. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, k) =>
      typeof k === 'number'
        ? `${acc}[${k}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(k))
          ? `${acc}.${String(k)}`
          : `${acc}[${JSON.stringify(String(k))}]`,
    '$',
  );
}

/**
 * Validates a mapping (a preset or a parsed JSON mapping file) and collects every mistake, each
 * with its JSON path: `my-system.json:$.status.rules[2].status`.
 */
export function parseMapping(value: unknown, source: string): MappingResult {
  const parsed = ZMapping.safeParse(value);
  if (parsed.success) return { mapping: parsed.data, issues: [] };
  let found: Array<{ path: readonly PropertyKey[]; message: string }> = parsed.error.issues;
  const seen = new Set(found.map((e) => jsonPath(e.path)));
  const extra = personalColumnIssues(value).filter((p) => !seen.has(jsonPath(p.path)));
  found = [...found, ...extra];
  return {
    mapping: null,
    issues: found.map((e) =>
      issue(
        'error',
        'invalid_mapping',
        `${jsonPath(e.path)} ${e.message}`,
        `${source}:${jsonPath(e.path)}`,
      ),
    ),
  };
}

/** Reads and validates a JSON mapping file (`--mapping my-system.json`). */
export async function loadMappingFile(path: string): Promise<MappingResult> {
  const source = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return {
      mapping: null,
      issues: [issue('error', 'unknown_file', (e as Error).message, source)],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      mapping: null,
      issues: [
        issue('error', 'invalid_mapping', `not valid JSON: ${(e as Error).message}`, `${source}:$`),
      ],
    };
  }
  return parseMapping(value, source);
}
