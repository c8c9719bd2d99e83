import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedReport } from './report-subscriptions.js';

describe('which monthly report a member may receive', () => {
  it('a clinician: only their own therapist report, which they get when none is named', () => {
    assert.deepEqual(allowedReport('clinician', 't1', undefined), { therapist: 't1' });
    assert.deepEqual(allowedReport('clinician', 't1', null), { therapist: 't1' });
    assert.deepEqual(allowedReport('clinician', 't1', 't1'), { therapist: 't1' });
    assert.ok('reason' in allowedReport('clinician', 't1', 't2'));
    assert.ok('reason' in allowedReport('clinician', null, null));
  });

  it('a viewer: the practice report only; owners and admins: the practice or any therapist', () => {
    assert.deepEqual(allowedReport('viewer', null, null), { therapist: null });
    assert.ok('reason' in allowedReport('viewer', null, 't1'));
    assert.deepEqual(allowedReport('owner', null, undefined), { therapist: null });
    assert.deepEqual(allowedReport('admin', null, 't2'), { therapist: 't2' });
  });
});
