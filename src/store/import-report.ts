import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Issue } from '../model/issue.js';
import type { Store } from './database.js';

const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Splits an issue path `file:line:column` into its parts (any may be empty). */
export function splitIssuePath(path: string): { file: string; line: string; column: string } {
  const m = /^(.*?)(?::(\d+))?(?::([^:]*))?$/.exec(path);
  return { file: m?.[1] ?? path, line: m?.[2] ?? '', column: m?.[3] ?? '' };
}

/** Where a report goes by default: beside the SQLite file, else the current directory. */
export function defaultReportPath(store: Pick<Store, 'dialect' | 'location'>, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const dir = store.dialect === 'sqlite' ? dirname(store.location) : process.cwd();
  return join(dir, `rapport-import-${stamp}-report.csv`);
}

/** Writes issues as RFC 4180 CSV: severity, file, line, column, code, reason. */
export async function writeImportReport(path: string, issues: Issue[]): Promise<void> {
  const out = createWriteStream(path, 'utf8');
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  out.write('severity,file,line,column,code,reason\r\n');
  for (const i of issues) {
    const { file, line, column } = splitIssuePath(i.path);
    out.write(`${[i.severity, file, line, column, i.code, i.message].map(quote).join(',')}\r\n`);
  }
  out.end();
  await done;
}
