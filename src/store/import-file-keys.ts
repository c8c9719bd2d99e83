import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Bits of the first filter layer; each further layer doubles, up to MAX_BITS in all. */
const FIRST_BITS = 1 << 20;
const MAX_BITS = 1 << 29;
/** Keys a layer takes before the next one is started: 16 bits a key, 6 probes (~0.1 % false). */
const BITS_PER_KEY = 16;
const PROBES = 6;
/** Spill text kept in memory before it goes to the file. */
const SPILL_BUFFER = 1 << 20;

/** A repeat of a key across batches, confirmed when the file ends. */
export interface LaterRepeat {
  key: string;
  /** The line the key was last seen on before `later`. */
  earlier: number;
  later: number;
  /** What the caller gave with `maybeRepeat` (where its warning goes). */
  tag: number;
}

interface Candidate {
  later: number;
  tag: number;
  /** Spilled records written before the candidate's batch: only those are earlier. */
  before: number;
  /** Order of noting. */
  n: number;
}

/**
 * The natural keys of one file seen so far, for duplicate detection across its batches, in
 * memory that does not grow with the file: a Bloom filter (layers doubling from 128 KB, 64 MB
 * at most; past that it only fills up and answers "maybe" more often), and each batch's keys
 * with their last line appended to a spill file (kept in memory while under 1 MB, so small
 * imports never touch the disk). A filter hit is only a candidate: the caller drops those it
 * can rule out (a key not stored, when the file's batches are the only writer) and passes the
 * others to `maybeRepeat`; `repeats()` at the end of the file reads the spill once, only when
 * there is a candidate, and returns the exact repeats with the line of the earlier occurrence.
 */
export class FileKeys {
  readonly #layers: Uint32Array[] = [new Uint32Array(FIRST_BITS / 32)];
  #inLayer = 0;
  #totalBits = FIRST_BITS;
  #pending: string[] = [];
  #pendingBytes = 0;
  #records = 0;
  #fd: number | undefined;
  #path: string | undefined;
  #noted = 0;
  readonly #candidates = new Map<string, Candidate[]>();

  /** False when `k` was certainly not added before. */
  mightHave(k: string): boolean {
    const [a, b] = hashes(k);
    for (const layer of this.#layers) {
      const mask = layer.length * 32 - 1;
      let all = true;
      for (let j = 0; j < PROBES && all; j++) {
        const bit = (a + Math.imul(j, b)) & mask;
        all = (layer[bit >>> 5]! & (1 << (bit & 31))) !== 0;
      }
      if (all) return true;
    }
    return false;
  }

  /**
   * Records the keys of one batch, each with the last line it has in the batch. Call it after
   * the batch's `maybeRepeat` calls.
   */
  add(keys: Iterable<[string, number]>): void {
    const text: string[] = [];
    for (const [k, line] of keys) {
      this.#set(k);
      text.push(`${line}\t${JSON.stringify(k)}\n`);
    }
    const chunk = text.join('');
    this.#records += text.length;
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    if (this.#pendingBytes > SPILL_BUFFER) this.#flush();
  }

  /** Notes that `k`, first seen in the current batch at `later`, may have been added before. */
  maybeRepeat(k: string, later: number, tag: number): void {
    const c = { later, tag, before: this.#records, n: this.#noted++ };
    const list = this.#candidates.get(JSON.stringify(k));
    if (list) list.push(c);
    else this.#candidates.set(JSON.stringify(k), [c]);
  }

  /** The candidates that were repeats, in the order they were noted. Ends the spill. */
  async repeats(): Promise<LaterRepeat[]> {
    const found: Array<LaterRepeat & { n: number }> = [];
    if (this.#candidates.size > 0) {
      const state = new Map<string, { next: number; last: number | undefined }>();
      let r = 0;
      const settle = (json: string, list: Candidate[], upTo: number) => {
        let s = state.get(json);
        if (!s) state.set(json, (s = { next: 0, last: undefined }));
        for (; s.next < list.length && list[s.next]!.before <= upTo; s.next++) {
          const c = list[s.next]!;
          if (s.last !== undefined) {
            found.push({
              key: JSON.parse(json) as string,
              earlier: s.last,
              later: c.later,
              tag: c.tag,
              n: c.n,
            });
          }
        }
        return s;
      };
      const record = (text: string) => {
        const tab = text.indexOf('\t');
        const json = text.slice(tab + 1);
        const list = this.#candidates.get(json);
        if (list) settle(json, list, r).last = Number(text.slice(0, tab));
        r++;
      };
      if (this.#fd !== undefined) {
        this.#flush();
        closeSync(this.#fd);
        this.#fd = undefined;
        const lines = createInterface({ input: createReadStream(this.#path!), crlfDelay: 0 });
        for await (const text of lines) record(text);
      } else {
        for (const chunk of this.#pending) {
          for (const text of chunk.split('\n')) if (text !== '') record(text);
        }
      }
      for (const [json, list] of this.#candidates) settle(json, list, Infinity);
    }
    this.close();
    return found.sort((x, y) => x.n - y.n).map(({ n: _, ...rest }) => rest);
  }

  /** Removes the spill file (also when the import stops half way). */
  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    if (this.#path !== undefined) rmSync(this.#path, { force: true });
    this.#fd = undefined;
    this.#path = undefined;
    this.#pending = [];
    this.#candidates.clear();
  }

  #set(k: string): void {
    const [a, b] = hashes(k);
    let layer = this.#layers[this.#layers.length - 1]!;
    const bits = layer.length * 32;
    if (this.#inLayer >= bits / BITS_PER_KEY && this.#totalBits + bits * 2 <= MAX_BITS) {
      layer = new Uint32Array((bits * 2) / 32);
      this.#layers.push(layer);
      this.#totalBits += bits * 2;
      this.#inLayer = 0;
    }
    const mask = layer.length * 32 - 1;
    for (let j = 0; j < PROBES; j++) {
      const bit = (a + Math.imul(j, b)) & mask;
      layer[bit >>> 5]! |= 1 << (bit & 31);
    }
    this.#inLayer++;
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    if (this.#fd === undefined) {
      this.#path = join(
        tmpdir(),
        `rapport-keys-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      );
      this.#fd = openSync(this.#path, 'wx', 0o600);
    }
    writeSync(this.#fd, this.#pending.join(''));
    this.#pending = [];
    this.#pendingBytes = 0;
  }
}

/** Two 32-bit string hashes (FNV-1a variants); the second is odd, a probe step. */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [a >>> 0, (b ^ (b >>> 15)) | 1];
}
