import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LogEvent } from 'kysely';

/**
 * The query log of the test harness. With `RAPPORT_QUERY_LOG` naming a folder (scripts/run-tests.js
 * sets it), every store a process opens records each distinct statement it runs — its text, the
 * source line that ran it (the nearest frame of our own code outside the store's plumbing) and
 * the test file of the run (`RAPPORT_QUERY_LOG_TEST`, inherited by child processes) — and the
 * process writes them to `<folder>/<pid>.jsonl` when it exits. `query-log-check.ts` then says which
 * of them reach a practice table without a `practice_id` condition. Off (no cost) otherwise.
 */
export const QUERY_LOG_ENV = 'RAPPORT_QUERY_LOG';
export const QUERY_LOG_TEST_ENV = 'RAPPORT_QUERY_LOG_TEST';

export interface LoggedStatement {
  sql: string;
  /** `src/…/file.ts:line` of the code that ran it, or `?` when no frame was ours. */
  origin: string;
  test: string;
}

const seen = new Map<string, LoggedStatement>();
let flushing = false;

/** Frames of these files only pass a statement on; the origin is the next frame out. */
const PLUMBING = /node_modules|node:|\/src\/store\/(dialect|database|query-log)\.ts/;

function originOf(stack: string | undefined): string {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^():]+\.[cm]?[jt]sx?):(\d+):\d+\)?$/.exec(line.trim());
    if (!m || PLUMBING.test(m[1]!)) continue;
    return `${relative(process.cwd(), m[1]!.replace(/^file:\/\//, ''))}:${m[2]}`;
  }
  return '?';
}

/** The Kysely `log` function of a store, or undefined when the query log is off. */
export function queryLogger(skip: () => boolean): ((event: LogEvent) => void) | undefined {
  const dir = process.env[QUERY_LOG_ENV];
  if (!dir) return undefined;
  const test = process.env[QUERY_LOG_TEST_ENV] ?? relative(process.cwd(), process.argv[1] ?? '?');
  // Processes this one starts from now on (a CLI, a server) log under the same test file.
  process.env[QUERY_LOG_TEST_ENV] = test;
  if (!flushing) {
    flushing = true;
    process.on('exit', () => {
      if (seen.size === 0) return;
      mkdirSync(dir, { recursive: true });
      const lines = [...seen.values()].map((s) => JSON.stringify(s));
      writeFileSync(join(dir, `${process.pid}.jsonl`), `${lines.join('\n')}\n`);
    });
  }
  return (event) => {
    if (skip()) return;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 60;
    const origin = originOf(new Error().stack);
    Error.stackTraceLimit = limit;
    const text = event.query.sql;
    const key = `${origin}\u0000${text}`;
    if (!seen.has(key)) seen.set(key, { sql: text, origin, test });
  };
}

/** What this process has logged so far (its test looks at it; the rest is written at exit). */
export const loggedStatements = (): LoggedStatement[] => [...seen.values()];
