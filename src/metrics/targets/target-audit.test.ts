import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Target } from '../../model/target.js';
import { changedFields, noteFields, targetAudit } from './target-audit.js';

const T: Target = {
  target_id: 'tgt_1',
  practice_id: 'p',
  kpi_id: 'session_completion_rate',
  scope: 'service:intake',
  kind: { type: 'above', x: 80 },
  title: 'A private title',
  owner_user_id: 'usr_1',
  start_date: '2026-11-02',
  cadence: 'week',
  notes: 'private words',
  followers: ['usr_2'],
  created_at: 1,
  updated_at: 1,
};

describe('audit details of a target', () => {
  it('names the KPI, scope, kind and cadence, never the title or notes', () => {
    const d = targetAudit(T);
    assert.deepEqual(d, {
      kpi_id: 'session_completion_rate',
      scope: 'service:intake',
      kind: 'above',
      cadence: 'week',
    });
    assert.doesNotMatch(JSON.stringify(d), /private/);
  });

  it('lists only the fields whose value changed', () => {
    const next = { ...T, kind: { type: 'above' as const, x: 85 }, notes: 'other', updated_at: 2 };
    assert.deepEqual(changedFields(T, next), ['kind', 'notes']);
    assert.deepEqual(changedFields(T, { ...T, followers: ['usr_2'] }), []);
  });

  it('a note names the fields it sets', () => {
    assert.deepEqual(noteFields({ note: 'x', confidence: null }), ['note']);
    assert.deepEqual(noteFields({ note: 'x', confidence: 'at_risk' }), ['confidence', 'note']);
  });
});
