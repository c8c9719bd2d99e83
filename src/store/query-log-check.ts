import { PRACTICE_COLUMN, PRACTICE_TABLES } from './practice-tables.js';
import type { LoggedStatement } from './query-log.js';

/** The text of `ACROSS_PRACTICES` as it appears in a compiled statement. */
const ACROSS_MARK = '/* across practices */';

const KEYWORDS = new Set(
  (
    'where on inner left right full cross join set values group order limit offset select ' +
    'union except intersect natural using default returning as and or having window lateral ' +
    'into from'
  ).split(' '),
);

// The alias and column list are looked ahead at, not consumed: `from a join b` is two refs.
const REF =
  /\b(from|join|into|update)\s+([a-z_][a-z0-9_]*)\b(?=(?:\s+as)?(?:\s+([a-z_][a-z0-9_]*))?(\s*\([^)]*\))?)/g;
const CONDITION_BEFORE = /(?:\b([a-z_][a-z0-9_]*)\.)?practice_id\s*(?:=|<>|!=|\bin\b|\bis\b)/g;
const CONDITION_AFTER = /(?:=|\bin\s*\()\s*(?:\b([a-z_][a-z0-9_]*)\.)?practice_id\b/g;
const DDL = /^(create|alter|drop|pragma|analyze|vacuum|reindex|comment)\b/;

/** Lower case, without quotes, comments, string literals or runs of white space. */
export function normalizeSql(text: string): string {
  return text
    .replace(/\/\*.*?\*\//gs, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/["`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The practice tables a statement reads or writes without a `practice_id` condition, read
 * conservatively from its text: each `FROM` / `JOIN` / `UPDATE` of a practice table needs a
 * `practice_id` comparison (`=`, `IN`, `IS`, either side of a join's `=`) on its alias or
 * unqualified, outside an UPDATE's `SET`; each `INSERT INTO` one needs `practice_id` in its
 * column list. DDL and PRAGMA are not checked, nor a statement marked `ACROSS_PRACTICES`.
 */
export function tablesWithoutPractice(text: string): string[] {
  if (text.includes(ACROSS_MARK)) return [];
  const s = normalizeSql(text);
  if (DDL.test(s)) return [];
  // Assignments are not conditions: drop each `SET …` up to its WHERE (or the end).
  const conditions = s.replace(/\bset\b.*?(?=\bwhere\b|$)/g, ' ');
  const qualified = new Set<string>();
  let unqualified = false;
  for (const re of [CONDITION_BEFORE, CONDITION_AFTER]) {
    for (const m of conditions.matchAll(re)) {
      if (m[1] === undefined) unqualified = true;
      else qualified.add(m[1]);
    }
  }
  const missing = new Set<string>();
  for (const m of s.matchAll(REF)) {
    const [, keyword, table, aliasWord, columns] = m;
    if (!PRACTICE_TABLES.has(table!)) continue;
    if (keyword === 'into') {
      const list = (columns ?? '').replace(/[()\s]/g, '').split(',');
      if (!list.includes(PRACTICE_COLUMN)) missing.add(table!);
      continue;
    }
    const alias = aliasWord !== undefined && !KEYWORDS.has(aliasWord) ? aliasWord : table!;
    if (!unqualified && !qualified.has(alias)) missing.add(table!);
  }
  return [...missing].sort();
}

/**
 * Statements outside our repositories that still reach a practice table without `practice_id`,
 * each let through by the file it comes from with the reason; every entry is a known gap, to be
 * fixed by the file's owner and then removed here.
 */
export const ALLOWED_ORIGINS: ReadonlyArray<{ file: string; why: string }> = [];

export interface QueryLogViolation {
  sql: string;
  origin: string;
  tables: string[];
  tests: string[];
}

/**
 * The logged statements of our own code that reach a practice table without a `practice_id`
 * condition, one per origin and text, with the test files that ran them. Statements of test code
 * (a test file or helper setting up or looking into a store) and of migrations are not checked.
 */
export function queryLogViolations(logged: readonly LoggedStatement[]): QueryLogViolation[] {
  const out = new Map<string, QueryLogViolation>();
  for (const s of logged) {
    const file = s.origin.replace(/:\d+$/, '');
    // Test code (x.test.ts, test-dialects.ts, import-test-helpers.ts) and migrations.
    if (/test[^/]*\.tsx?$/.test(file) || file.includes('/migrations/')) continue;
    if (ALLOWED_ORIGINS.some((a) => a.file === file)) continue;
    const tables = tablesWithoutPractice(s.sql);
    if (tables.length === 0) continue;
    const key = `${s.origin}\u0000${s.sql}`;
    const v = out.get(key) ?? { sql: s.sql, origin: s.origin, tables, tests: [] };
    if (!v.tests.includes(s.test)) v.tests.push(s.test);
    out.set(key, v);
  }
  return [...out.values()].sort((a, b) => a.origin.localeCompare(b.origin));
}
