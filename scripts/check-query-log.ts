// Reads the query log a test run left in the folder named by the first argument (see
// src/store/query-log.ts) and fails, listing each one, on statements that reach a practice
// table without a practice_id condition. Run by scripts/run-tests.js after the tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryLogViolations } from '../src/store/query-log-check.js';
import type { LoggedStatement } from '../src/store/query-log.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: check-query-log.ts <folder>');
const logged: LoggedStatement[] = [];
let files = 0;
for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
  files++;
  for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
    if (line.trim() !== '') logged.push(JSON.parse(line) as LoggedStatement);
  }
}
const violations = queryLogViolations(logged);
console.log(
  `query log: ${logged.length} distinct statements from ${files} processes, ${violations.length} without a practice_id condition`,
);
for (const v of violations) {
  console.error(`\n${v.origin} — ${v.tables.join(', ')} without practice_id`);
  console.error(`  ${v.sql.replace(/\s+/g, ' ').slice(0, 600)}`);
  console.error(`  run by: ${v.tests.join(', ')}`);
}
process.exit(violations.length > 0 ? 1 : 0);
