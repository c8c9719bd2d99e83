import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issue } from '../model/issue.js';
import { capIssues, shortenMessage } from './cap-issues.js';

test('a long quoted value is cut and its length said; short ones are kept whole', () => {
  const long = 'x'.repeat(100);
  assert.equal(shortenMessage('a: "short" is fine', 10), 'a: "short" is fine');
  assert.equal(
    shortenMessage(`price: "${long}" is not a number`, 10),
    'price: "xxxxxxxxxx…" (100 characters) is not a number',
  );
  assert.equal(shortenMessage('"a\\"bcdefghijkl"', 4), '"a\\"b…" (14 characters)');
  // Without quotes the whole message is held to 4 × 10 + 200 = 240 characters.
  const bare = shortenMessage('y'.repeat(1000), 10);
  assert.equal(bare, `${'y'.repeat(240)}… (1000 characters)`);
});

test('lists the first N issues and counts all of them', () => {
  const all = Array.from({ length: 250 }, (_, n) =>
    issue('error', 'invalid_value', `v: "${n}" is bad`, `records[${n}].v`),
  );
  const { issues, total } = capIssues(all, { maxIssues: 100, maxValueChars: 80 });
  assert.equal(total, 250);
  assert.equal(issues.length, 100);
  assert.deepEqual(issues[99], all[99]);
  const path = capIssues([issue('info', 'unknown_column', 'm', `records[0].${'k'.repeat(500)}`)], {
    maxIssues: 100,
    maxValueChars: 10,
  }).issues[0]!.path;
  assert.equal(path, `records[0].${'k'.repeat(39)}… (511 characters)`);
});
