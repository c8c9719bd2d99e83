import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { FileKeys } from './import-file-keys.js';

const spills = () =>
  readdirSync(tmpdir()).filter((f) => f.startsWith(`rapport-keys-${process.pid}-`));

/** Adds `keys` in batches of `size`, line n + 1 for the n-th key; returns the FileKeys. */
function load(keys: string[], size: number, onBatch?: (f: FileKeys, from: number) => void) {
  const f = new FileKeys();
  for (let from = 0; from < keys.length; from += size) {
    onBatch?.(f, from);
    f.add(keys.slice(from, from + size).map((k, i) => [k, from + i + 1]));
  }
  return f;
}

describe('FileKeys', () => {
  it('never misses a key it was given, and rarely claims one it was not', () => {
    const keys = Array.from({ length: 300_000 }, (_, i) => `k-${i}\u001f2025-01-01`);
    const f = load(keys, 500);
    assert.ok(keys.every((k) => f.mightHave(k)));
    let wrong = 0;
    for (let i = 0; i < 100_000; i++) if (f.mightHave(`other-${i}`)) wrong++;
    assert.ok(wrong < 1_000, `${wrong} false alarms in 100,000`);
    f.close();
  });

  for (const [label, rows] of [
    ['in memory', 2_000],
    ['through the spill file', 120_000],
  ] as const) {
    it(`confirms repeats with the line last seen before them (${label})`, async () => {
      const keys = Array.from({ length: rows }, (_, i) => `key-${i}`);
      keys[rows - 600] = 'key-3'; // far from line 4
      keys[rows - 5] = 'key-3'; // again, in a later batch: the earlier one is the last
      keys[rows - 1] = 'key "q"\n'; // never before: a false alarm to rule out
      const f = load(keys, 500, (f, from) => {
        for (let n = from; n < Math.min(from + 500, rows); n++) {
          if ([rows - 600, rows - 5, rows - 1].includes(n)) f.maybeRepeat(keys[n]!, n + 1, n);
        }
      });
      if (label !== 'in memory') assert.equal(spills().length, 1);
      assert.deepEqual(await f.repeats(), [
        { key: 'key-3', earlier: 4, later: rows - 599, tag: rows - 600 },
        { key: 'key-3', earlier: rows - 599, later: rows - 4, tag: rows - 5 },
      ]);
      assert.deepEqual(spills(), [], 'the spill file is removed');
    });
  }

  it('removes its spill file when closed half way', () => {
    const f = load(
      Array.from({ length: 100_000 }, (_, i) => `key-${i}`),
      1_000,
    );
    assert.equal(spills().length, 1);
    f.close();
    assert.deepEqual(spills(), []);
  });
});
