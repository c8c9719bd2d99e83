import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExportInstant } from './parse-export-instant.js';

const NY = 'America/New_York';

describe('parseExportInstant', () => {
  it('reads export formats as wall-clock time in the zone, DST-correct', () => {
    const f = ['yyyy-MM-dd hh:mm a'];
    assert.deepEqual(parseExportInstant('2026-03-08 01:30 am', f, NY), {
      ok: true,
      iso: '2026-03-08T01:30:00-05:00',
      ms: Date.parse('2026-03-08T06:30:00Z'),
      shifted: false,
    });
    const after = parseExportInstant('2026-03-08 03:30 PM', f, NY);
    assert.equal(after.ok && after.iso, '2026-03-08T15:30:00-04:00');
    const sp = parseExportInstant('03/04/2026 10:00 AM', ['MM/dd/yyyy h:mm a'], NY);
    assert.equal(sp.ok && sp.iso, '2026-03-04T10:00:00-05:00');
  });

  it('keeps the instant of an ISO text with an offset, shown in the zone', () => {
    const r = parseExportInstant('2026-07-01T14:00:00Z', ['iso'], NY);
    assert.equal(r.ok && r.iso, '2026-07-01T10:00:00-04:00');
  });

  it('flags a time in the spring-forward gap and rejects other text', () => {
    const gap = parseExportInstant('2026-03-08 02:30 am', ['yyyy-MM-dd hh:mm a'], NY);
    assert.equal(gap.ok && gap.shifted, true);
    const bad = parseExportInstant('next Tuesday', ['iso'], NY);
    assert.equal(bad.ok, false);
  });
});
