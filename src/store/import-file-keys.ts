/**
 * The natural keys seen so far in one file, with the line each was last seen on, for duplicate
 * detection. Exact mode keeps every key text. Compact mode (for a file loaded into a table that
 * held no row of the practice) keeps a 52-bit hash per key in typed arrays instead: a hash hit
 * is only a candidate, which the caller confirms by finding the key stored (the file's earlier
 * batches are the only writer), and a key whose hash another key holds is kept exactly.
 */
export class FileKeys {
  readonly #exact = new Map<string, number>();
  #hashes = new Float64Array(1 << 12);
  #lines = new Int32Array(1 << 12);
  #size = 0;

  constructor(readonly compact: boolean) {}

  /** The line `k` was last seen on; `sure` is false when only its hash matched. */
  get(k: string): { line: number; sure: boolean } | undefined {
    const exact = this.#exact.get(k);
    if (exact !== undefined) return { line: exact, sure: true };
    if (!this.compact) return undefined;
    const slot = this.#slot(hash(k));
    return this.#hashes[slot] === 0 ? undefined : { line: this.#lines[slot]!, sure: false };
  }

  /**
   * Records `k` at `line`. `how`: 'exact' for keys kept by text (collisions, exact mode), 'owner'
   * for a confirmed key that holds its hash, 'new' for a key not seen before in the file.
   */
  set(k: string, line: number, how: 'exact' | 'owner' | 'new'): void {
    if (!this.compact || how === 'exact' || this.#exact.has(k)) {
      this.#exact.set(k, line);
      return;
    }
    const h = hash(k);
    const slot = this.#slot(h);
    if (this.#hashes[slot] !== 0) {
      if (how === 'owner') this.#lines[slot] = line;
      else this.#exact.set(k, line); // another new key of the same batch took the hash
      return;
    }
    this.#hashes[slot] = h;
    this.#lines[slot] = line;
    if (++this.#size * 4 > this.#hashes.length * 3) this.#grow();
  }

  #slot(h: number): number {
    const mask = this.#hashes.length - 1;
    let i = h % this.#hashes.length;
    while (this.#hashes[i] !== 0 && this.#hashes[i] !== h) i = (i + 1) & mask;
    return i;
  }

  #grow(): void {
    const [hashes, lines] = [this.#hashes, this.#lines];
    this.#hashes = new Float64Array(hashes.length * 2);
    this.#lines = new Int32Array(hashes.length * 2);
    for (let i = 0; i < hashes.length; i++) {
      if (hashes[i] === 0) continue;
      const slot = this.#slot(hashes[i]!);
      this.#hashes[slot] = hashes[i]!;
      this.#lines[slot] = lines[i]!;
    }
  }
}

/** A 52-bit string hash (two 32-bit FNV-1a variants), never 0. */
function hash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return ((a >>> 0) % 0xfffff) * 0x100000000 + (b >>> 0) + 1;
}
