import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
const cols = ['practice_id','appointment_id','client_id','therapist_id','scheduled_start','status','source_status','service','requested_at','booked_at','scheduled_end','duration_min','cancelled_at','cancelled_by','actual_duration_min','slot_id','price_minor','currency'];
const N = 200000;
const row = (i: number) => ['p', 'a' + i, 'c' + (i * 7919 % 20000), 't' + (i % 200), 1.7e12 + i * 60000, 'completed', 'completed', 'talk', null, null, 1.7e12 + i * 60000 + 3e6, null, null, null, null, null, 12000, 'USD'];
function trial(label: string, ddl: string[], wal = true) {
  const file = '/tmp/perf/m2.db'; for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  const db = new Database(file); if (wal) db.pragma('journal_mode=WAL'); db.pragma('synchronous=NORMAL'); db.pragma('cache_size=-65536');
  for (const d of ddl) db.exec(d);
  const st = db.prepare(`INSERT INTO appointments (${cols}) VALUES (${cols.map(() => '?')})`);
  const c0 = process.cpuUsage(); const t = performance.now();
  db.exec('BEGIN'); for (let i = 0; i < N; i++) st.run(row(i)); db.exec('COMMIT');
  const c = process.cpuUsage(c0);
  console.log(label, 'wall', Math.round(performance.now() - t), 'cpu', Math.round((c.user + c.system) / 1000)); db.close();
}
const table = `CREATE TABLE appointments (${cols.map(c => c + (c.includes('_at') || c.includes('start') || c.includes('end') || c.includes('minor') ? ' bigint' : c.includes('min') ? ' real' : ' varchar(200)')).join(', ')}`;
trial('no pk no idx', [table + ')']);
trial('pk only', [table + ', PRIMARY KEY (practice_id, appointment_id))']);
trial('pk + 4 idx', [table + ', PRIMARY KEY (practice_id, appointment_id))', 'create index i1 on appointments(practice_id, scheduled_start)', 'create index i2 on appointments(practice_id, client_id, scheduled_start)', 'create index i3 on appointments(practice_id, therapist_id, scheduled_start)', 'create index i4 on appointments(practice_id, booked_at)']);
trial('pk + 4 idx, no wal', [table + ', PRIMARY KEY (practice_id, appointment_id))', 'create index i1 on appointments(practice_id, scheduled_start)', 'create index i2 on appointments(practice_id, client_id, scheduled_start)', 'create index i3 on appointments(practice_id, therapist_id, scheduled_start)', 'create index i4 on appointments(practice_id, booked_at)'], false);
