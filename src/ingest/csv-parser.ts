/** One CSV record and the 1-based physical line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
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
 * any width are returned. A record that ends the input inside a quote is a CsvSyntaxError.
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
    if (this.#state === QUOTED) {
      throw new CsvSyntaxError(
        this.#recordLine,
        `Quote Not Closed: the record starting at line ${this.#recordLine} ends the file inside a quoted field`,
      );
    }
    if (this.#state === UNQUOTED || this.#cells.length > 0) {
      this.#cells.push(this.#field);
      out.push({ line: this.#recordLine, cells: this.#cells });
    }
    this.#cells = [];
    this.#field = '';
    this.#state = FIELD;
    return out;
  }

  #parse(text: string, final: boolean, out: CsvRecord[]): void {
    let s = this.#carry === '' ? text : this.#carry + text;
    this.#carry = '';
    if (this.#atStart) {
      if (s.length === 0) return;
      this.#atStart = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const n = s.length;
    let cells = this.#cells;
    let field = this.#field;
    let state = this.#state;
    let line = this.#line;
    let recordLine = this.#recordLine;
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
        if (pn < to || pr < to) line += countLineEnds(s, i, to);
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
          out.push({ line: recordLine, cells });
          cells = [];
          field = '';
          state = FIELD;
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
          out.push({ line: recordLine, cells });
          cells = [];
          field = '';
          state = FIELD;
          i = c === CR && s.charCodeAt(q + 2) === LF ? q + 3 : q + 2;
          recordLine = ++line;
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
              i = next;
              recordLine = ++line;
              continue;
            }
            if (pq < i) pq = find(s, '"', i);
            if (pq > le) {
              // A whole line with no quote: split it in one go.
              out.push({ line: recordLine, cells: s.slice(i, le).split(',') });
              i = next;
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
        i = end + 1;
        recordLine = ++line;
        continue;
      }
      cells.push(field + s.slice(i, end));
      out.push({ line: recordLine, cells });
      cells = [];
      field = '';
      state = FIELD;
      i = end === pr && s.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
      recordLine = ++line;
    }
    this.#cells = cells;
    this.#field = field;
    this.#state = state;
    this.#line = line;
    this.#recordLine = recordLine;
  }
}
