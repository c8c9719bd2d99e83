import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { firstIssueText, plainIssueMessage } from './plain-issue.js';

const messages = (schema: z.ZodType, value: unknown) =>
  (schema.safeParse(value).error?.issues ?? []).map(plainIssueMessage);

describe('plainIssueMessage', () => {
  it('rewrites zod’s default wording in plain words', () => {
    const s = z
      .object({
        a: z.number().min(0).max(10),
        b: z.enum(['week', 'month']),
        c: z.string().min(1),
        d: z.array(z.string()).min(1),
        e: z.number().int(),
        f: z.literal('k'),
        g: z.number().gt(0),
        h: z.number(),
      })
      .strict();
    assert.deepEqual(messages(s, { a: -1, b: 'q', c: '', d: [], e: 1.5, f: 'j', g: 0, x: 1 }), [
      'must be at least 0',
      'must be one of “week”, “month”',
      'must not be empty',
      'needs at least one',
      'must be a whole number',
      'must be “k”',
      'must be more than 0',
      'is required',
      'unknown field “x”',
    ]);
    assert.deepEqual(messages(z.number().max(10), 11), ['must be at most 10']);
    assert.deepEqual(messages(z.string().max(3), 'abcd'), ['needs at most 3 characters']);
    assert.deepEqual(messages(z.number(), 'x'), ['must be a number']);
  });

  it('keeps a message the schema wrote itself', () => {
    const s = z.number().min(0, 'a count cannot be negative');
    assert.deepEqual(messages(s, -1), ['a count cannot be negative']);
  });

  it('names the path of the first issue', () => {
    const r = z.object({ goal: z.number().min(0) }).safeParse({ goal: -2 });
    assert.equal(firstIssueText(r.error!), 'goal: must be at least 0');
    const root = z.number().safeParse('x');
    assert.equal(firstIssueText(root.error!, 'value'), 'value: must be a number');
  });
});
