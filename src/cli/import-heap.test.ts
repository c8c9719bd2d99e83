import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IMPORT_HEAP_MB, importHeapFlags } from './import-heap.js';

describe('importHeapFlags', () => {
  const limit = [`--max-old-space-size=${IMPORT_HEAP_MB}`];

  it('limits the heap of an import only', () => {
    assert.deepEqual(importHeapFlags(['import', 'folder'], [], {}), limit);
    assert.equal(importHeapFlags(['kpi', '--from', '2026-01-01'], [], {}), null);
    assert.equal(importHeapFlags(['serve'], [], {}), null);
    assert.equal(importHeapFlags([], [], {}), null);
  });

  it('leaves a limit already set by flags or NODE_OPTIONS', () => {
    assert.equal(importHeapFlags(['import', 'f'], ['--max-old-space-size=2048'], {}), null);
    assert.equal(
      importHeapFlags(['import', 'f'], [], { NODE_OPTIONS: '--max-old-space-size=900' }),
      null,
    );
    assert.deepEqual(importHeapFlags(['import', 'f'], [], { NODE_OPTIONS: '--trace-gc' }), limit);
  });

  it('takes the limit from RAPPORT_IMPORT_HEAP_MB, 0 for none, refusing nonsense', () => {
    assert.deepEqual(importHeapFlags(['import'], [], { RAPPORT_IMPORT_HEAP_MB: '768' }), [
      '--max-old-space-size=768',
    ]);
    assert.equal(importHeapFlags(['import'], [], { RAPPORT_IMPORT_HEAP_MB: '0' }), null);
    assert.deepEqual(importHeapFlags(['import'], [], { RAPPORT_IMPORT_HEAP_MB: ' ' }), limit);
    for (const bad of ['12x', '32', '-1', '100.5']) {
      assert.throws(
        () => importHeapFlags(['import'], [], { RAPPORT_IMPORT_HEAP_MB: bad }),
        /RAPPORT_IMPORT_HEAP_MB=.*whole MB, at least 64, or 0/,
      );
    }
  });
});
