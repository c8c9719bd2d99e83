/**
 * One CSV record and the 1-based physical line it starts on (the header is line 1). A record
 * the parser had to give up on (see CsvParserOptions.recover) has no cells and says why in
 * `error`.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
  error?: string;
}

export interface CsvParserOptions {
  /**
   * Recover from a broken quote instead of throwing: when a quoted field runs past a line end
   * and its record then fails (it has another number of cells than the first record, the
   * header, or the input ends inside the quote), the record is returned as an error record at
   * its start line and parsing restarts at the line after that one. Default false.
   */
  recover?: boolean;
}

/** A CSV syntax error the parser cannot recover from (an unclosed quote, say). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** At the start of a field (after a comma, or at the start of a record). */
const FIELD = 0;
/** Inside an unquoted field whose text so far is in `field`. */
const UNQUOTED = 1;
/** Inside a quoted field whose unescaped text so far is in `field`. */
const QUOTED = 2;
type State = typeof FIELD | typeof UNQUOTED | typeof QUOTED;

/** Index of `ch` in `s` at or after `from`, or `s.length` when there is none. */
const find = (s: string, ch: string, from: number): number => {
  const at = s.indexOf(ch, from);
  return at < 0 ? s.length : at;
};

/** The index after the first line end (LF, CRLF or lone CR) of s, or s.length. */
const afterFirstLineEnd = (s: string): number => {
  const lf = find(s, '\n', 0);
  const cr = find(s, '\r', 0);
  if (lf < cr) return lf + 1;
  if (cr === s.length) return cr;
  return s.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
};

/** Physical line ends in s[from, to): LF, CRLF, or a lone CR. */
const countLineEnds = (s: string, from: number, to: number): number => {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && s.charCodeAt(k + 1) !== LF) count++;
  }
  return count;
};

/**
 * A streaming RFC 4180 parser fed decoded text piece by piece. Handles a leading BOM, LF, CRLF
 * and lone CR line ends, quoted fields with `""` escapes and quoted commas and line ends, and
 * skips empty lines (still counted in line numbers). Lenient where csv-parse with
 * `relax_quotes` was: a quote inside an unquoted field is kept literally, and text after a
 * closing quote turns the field unquoted, keeping its quotes (`"ab"c` gives `"ab"c`). Rows of
 * any width are returned. A record that ends the input inside a quote is a CsvSyntaxError,
 * unless `recover` is set (then it is an error record, and the lines after its first are read
 * again as records).
 *
 * The hot loop scans with indexOf for the next comma, quote, LF and CR (remembering each
 * position until it is passed) and slices; a line with no quote is split in one go.
 */
export class CsvParser {
  #cells: string[] = [];
  #field = '';
  #state: State = FIELD;
  /** The physical line being read. */
  #line = 1;
  /** The line the current record started on. */
  #recordLine = 1;
  /** The end of the last piece, when deciding what it means needs the next character. */
  #carry = '';
  #atStart = true;
  readonly #recover: boolean;
  /** The first record's width (with `recover`), -1 until known. */
  #width = -1;
  /** With `recover`: the raw text of the current record read from earlier pieces. */
  #raw = '';
  /** The current record has a quoted field that crossed a line end. */
  #spans = false;

  constructor(opts: CsvParserOptions = {}) {
    this.#recover = opts.recover ?? false;
  }

  /** The physical line being read (the line the next character belongs to). */
  get line(): number {
    return this.#line;
  }

  /** The line the record being read started on. */
  get recordLine(): number {
    return this.#recordLine;
  }

  /** True when part of a record has been read and it has not ended yet. */
  get inRecord(): boolean {
    return this.#state !== FIELD || this.#cells.length > 0;
  }

  /** Parses the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.#parse(text, false, out);
    return out;
  }

  /** Ends the input; returns the last record, if it had no line end. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.#parse('', true, out);
    for (;;) {
      if (this.#state === QUOTED) {
        if (!this.#recover) {
          throw new CsvSyntaxError(
            this.#recordLine,
            `Quote Not Closed: the record starting at line ${this.#recordLine} ends the file inside a quoted field`,
          );
        }
        this.#giveUp(out, `a quote opened on line ${this.#recordLine} is never closed`);
        continue;
      }
      if (this.#state === UNQUOTED || this.#cells.length > 0) {
        this.#cells.push(this.#field);
        if (this.#spans && this.#badWidth(this.#cells.length, out)) {
          this.#giveUp(out, this.#widthReason(this.#cells.length));
          continue;
        }
        out.push({ line: this.#recordLine, cells: this.#cells });
      }
      break;
    }
    this.#cells = [];
    this.#field = '';
    this.#state = FIELD;
    this.#raw = '';
    this.#spans = false;
    return out;
  }

  /** With `recover`: true when a record of `cells` cells is not as wide as the first record. */
  #badWidth(cells: number, out: CsvRecord[]): boolean {
    if (!this.#recover) return false;
    if (this.#width < 0) {
      const first = out.find((r) => r.error === undefined);
      if (!first) return false;
      this.#width = first.cells.length;
    }
    return cells !== this.#width;
  }

  #widthReason(cells: number, line = this.#recordLine): string {
    return (
      `a quoted field opened on line ${line} runs past the end of that line and ` +
      `leaves the row with ${cells} cells where the header has ${this.#width}`
    );
  }

  /**
   * At the end of the input, with the record still open (its raw text in #raw): returns it as
   * an error record and reads the text after its first line again.
   */
  #giveUp(out: CsvRecord[], reason: string): void {
    const raw = this.#raw;
    out.push({ line: this.#recordLine, cells: [], error: reason });
    this.#cells = [];
    this.#field = '';
    this.#state = FIELD;
    this.#spans = false;
    this.#raw = '';
    this.#line = this.#recordLine + 1;
    this.#recordLine = this.#line;
    this.#parse(raw.slice(afterFirstLineEnd(raw)), true, out);
  }

  #parse(text: string, final: boolean, out: CsvRecord[]): void {
    let s = this.#carry === '' ? text : this.#carry + text;
    this.#carry = '';
    if (this.#atStart) {
      if (s.length === 0) return;
      this.#atStart = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    let again: string | null = s;
    while (again !== null) again = this.#parseOnce(again, final, out);
  }

  /**
   * Parses s (the carry already in front); returns null, or, when a record was given up on
   * (see `recover`), the text to parse next in its place.
   */
  #parseOnce(s: string, final: boolean, out: CsvRecord[]): string | null {
    const n = s.length;
    const recover = this.#recover;
    let cells = this.#cells;
    let field = this.#field;
    let state = this.#state;
    let line = this.#line;
    let recordLine = this.#recordLine;
    let spans = this.#spans;
    /** Where the current record starts in s (0: in an earlier piece, or at the start of s). */
    let recStart = 0;
    /** With `recover`: the end in s of a record given up on, and why. */
    let failAt = -1;
    let reason = '';
    // Next comma, quote, LF, CR at or after i (n: none); recomputed once i passes them.
    let pc = -1;
    let pq = -1;
    let pn = -1;
    let pr = -1;
    let i = 0;
    while (i < n) {
      if (state === QUOTED) {
        if (pq < i) pq = find(s, '"', i);
        const q = pq;
        // A CR ending the piece may be half of a CRLF: keep it for the next piece.
        const to = q === n && !final && s.charCodeAt(n - 1) === CR ? n - 1 : q;
        if (pn < i) pn = find(s, '\n', i);
        if (pr < i) pr = find(s, '\r', i);
        if (pn < to || pr < to) {
          const ends = countLineEnds(s, i, to);
          if (ends > 0) spans = true;
          line += ends;
        }
        if (to > i) field += s.slice(i, to);
        if (q === n) {
          this.#carry = s.slice(to);
          break;
        }
        if (q + 1 === n) {
          if (!final) {
            this.#carry = '"';
            break;
          }
          cells.push(field);
          if (spans && recover && this.#badWidth(cells.length, out)) {
            reason = this.#widthReason(cells.length, recordLine);
            failAt = n;
            break;
          }
          out.push({ line: recordLine, cells });
          cells = [];
          field = '';
          state = FIELD;
          spans = false;
          break;
        }
        const c = s.charCodeAt(q + 1);
        if (c === QUOTE) {
          field += '"';
          i = q + 2;
        } else if (c === 44 /* , */) {
          cells.push(field);
          field = '';
          state = FIELD;
          i = q + 2;
        } else if (c === LF || c === CR) {
          if (c === CR && q + 2 === n && !final) {
            this.#carry = '"\r';
            break;
          }
          cells.push(field);
          i = c === CR && s.charCodeAt(q + 2) === LF ? q + 3 : q + 2;
          if (spans && recover && this.#badWidth(cells.length, out)) {
            reason = this.#widthReason(cells.length, recordLine);
            failAt = i;
            break;
          }
          out.push({ line: recordLine, cells });
          cells = [];
          field = '';
          state = FIELD;
          spans = false;
          recordLine = ++line;
          recStart = i;
        } else {
          // Text after a closing quote: keep the quotes and read on unquoted.
          field = '"' + field + '"';
          state = UNQUOTED;
          i = q + 1;
        }
        continue;
      }
      if (state === FIELD) {
        const c0 = s.charCodeAt(i);
        if (c0 === QUOTE) {
          state = QUOTED;
          i++;
          continue;
        }
        if (cells.length === 0) {
          if (pn < i) pn = find(s, '\n', i);
          if (pr < i) pr = find(s, '\r', i);
          const le = pn < pr ? pn : pr;
          if (le < n && !(le + 1 === n && pr === le && !final)) {
            const next = pr === le && s.charCodeAt(le + 1) === LF ? le + 2 : le + 1;
            if (le === i) {
              // An empty line: skipped, but counted.
              i = recStart = next;
              recordLine = ++line;
              continue;
            }
            if (pq < i) pq = find(s, '"', i);
            if (pq > le) {
              // A whole line with no quote: split it in one go.
              out.push({ line: recordLine, cells: s.slice(i, le).split(',') });
              i = recStart = next;
              recordLine = ++line;
              continue;
            }
          }
        }
      }
      if (pc < i) pc = find(s, ',', i);
      if (pn < i) pn = find(s, '\n', i);
      if (pr < i) pr = find(s, '\r', i);
      let end = pc < pn ? pc : pn;
      if (pr < end) end = pr;
      if (end === n) {
        field += s.slice(i);
        state = UNQUOTED;
        break;
      }
      if (end === pc) {
        cells.push(field + s.slice(i, end));
        field = '';
        state = FIELD;
        i = end + 1;
        continue;
      }
      if (end === pr && end + 1 === n && !final) {
        // Maybe half of a CRLF: decide with the next piece.
        if (end > i) {
          field += s.slice(i, end);
          state = UNQUOTED;
        }
        this.#carry = '\r';
        break;
      }
      if (state === FIELD && cells.length === 0 && end === i) {
        // An empty line (reached here only for a lone CR ending the input).
        i = recStart = end + 1;
        recordLine = ++line;
        continue;
      }
      cells.push(field + s.slice(i, end));
      i = end === pr && s.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
      if (spans && recover && this.#badWidth(cells.length, out)) {
        reason = this.#widthReason(cells.length, recordLine);
        failAt = i;
        break;
      }
      out.push({ line: recordLine, cells });
      cells = [];
      field = '';
      state = FIELD;
      spans = false;
      recordLine = ++line;
      recStart = i;
    }
    if (failAt >= 0) {
      // Give the record up and read the lines after its first one again.
      const raw = this.#raw + s.slice(recStart, failAt);
      out.push({ line: recordLine, cells: [], error: reason });
      this.#cells = [];
      this.#field = '';
      this.#state = FIELD;
      this.#spans = false;
      this.#raw = '';
      this.#line = recordLine + 1;
      this.#recordLine = recordLine + 1;
      return raw.slice(afterFirstLineEnd(raw)) + s.slice(failAt);
    }
    if (recover) {
      if (this.#width < 0) this.#badWidth(0, out);
      const open = state !== FIELD || cells.length > 0;
      this.#raw = open ? this.#raw + s.slice(recStart, n - this.#carry.length) : '';
    }
    this.#cells = cells;
    this.#field = field;
    this.#state = state;
    this.#line = line;
    this.#recordLine = recordLine;
    this.#spans = spans;
    return null;
  }
}
