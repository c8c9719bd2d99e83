import { baselineInsert } from '/work/main/src/bench/baseline-insert.ts';
import { rmSync } from 'node:fs';
const db = '/tmp/perf/base.db';
for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
const t = performance.now(); const c0 = process.cpuUsage();
const rows = await baselineInsert(process.argv[2] ?? '/tmp/bench', db);
const ms = performance.now() - t;
const c = process.cpuUsage(c0); console.log(JSON.stringify({ ms: Math.round(ms), cpuMs: Math.round((c.user + c.system) / 1000), rows, rps: Math.round(rows / ms * 1000) }));
