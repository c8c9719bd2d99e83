import { basename } from 'node:path';
import { entitySchema, type EntityName, type EntityRecord } from '../model/entities.js';
import { issue, type Issue } from '../model/issue.js';
import type { Practice } from '../model/practice.js';
import { checkHeader } from './check-header.js';
import { readCsvRecords, type CsvEncoding } from './csv-records.js';
import { toTableRow, type TableRow } from './to-table-row.js';
import { validateRow } from './validate-row.js';

/** A row that passed validation, with the line it came from. */
export interface ValidRow {
  line: number;
  row: TableRow;
}

/** What one stretch of a file gave: valid rows, issues, and how far reading got. */
export interface EntityBatch {
  rows: ValidRow[];
  issues: Issue[];
  /** Rows rejected in this batch (each has at least one error issue). */
  rejected: number;
  /** Data rows read in this batch. */
  read: number;
  /** Bytes of the file read so far. */
  bytes: number;
}

export interface EntityBatchOptions {
  batchSize?: number;
  /** The name used in issue paths (default: the file's base name). */
  label?: string;
  /** How the file's bytes are decoded (default utf8: bytes that are not UTF-8 reject their row). */
  encoding?: CsvEncoding;
}

/**
 * Streams an entity CSV file as batches of validated, normalised table rows. The header is
 * checked first: a missing required column rejects the whole file (its rows are still counted,
 * as read and rejected, so the summary says how many were lost); an empty file is an error, a
 * header without rows a warning. Each data row is validated with the entity's schema in the
 * practice time zone. A row the CSV reader gave up on (a broken quote, bytes that are not
 * UTF-8) is rejected at its line, and reading goes on.
 */
export async function* readEntityBatches<E extends EntityName>(
  entity: E,
  path: string,
  practice: Practice,
  opts: EntityBatchOptions = {},
): AsyncGenerator<EntityBatch> {
  const file = opts.label ?? basename(path);
  const size = opts.batchSize ?? 500;
  const schema = entitySchema(entity, practice.timezone);
  let bytes = 0;
  const records = readCsvRecords(path, {
    onBytes: (b) => void (bytes = b),
    recover: true,
    encoding: opts.encoding,
  });
  let batch: EntityBatch = { rows: [], issues: [], rejected: 0, read: 0, bytes: 0 };
  let columns: Array<[string, number]> | undefined;
  let width = 0;
  let fileRejected = false;
  let rows = 0;
  const reject = (...found: Issue[]) => {
    batch.issues.push(...found);
    batch.rejected++;
  };
  for await (const chunk of records) {
    for (const { line, cells, error } of chunk) {
      if (!columns && !fileRejected) {
        if (error !== undefined) {
          batch.issues.push(issue('error', 'malformed_row', `header: ${error}`, `${file}:${line}`));
          fileRejected = true;
          continue;
        }
        const plan = checkHeader(entity, cells, file);
        batch.issues.push(...plan.issues);
        if (!plan.ok) fileRejected = true;
        columns = plan.columns;
        width = cells.length;
        continue;
      }
      batch.read++;
      rows++;
      if (fileRejected) batch.rejected++;
      else if (error !== undefined) {
        reject(issue('error', 'malformed_row', error, `${file}:${line}`));
      } else if (cells.length !== width) {
        reject(
          issue(
            'error',
            'malformed_row',
            `row has ${cells.length} cells, the header has ${width}`,
            `${file}:${line}`,
          ),
        );
      } else {
        const input: Record<string, string> = {};
        for (const [name, index] of columns!) input[name] = cells[index]!;
        const v = validateRow(schema, input, file, line);
        if (!v.ok) reject(...v.issues);
        else {
          const n = toTableRow(entity, v.value as EntityRecord<E>, practice);
          if ('row' in n) batch.rows.push({ line, row: n.row });
          else
            reject(
              issue(
                'error',
                'invalid_value',
                `${n.field}: ${n.reason}`,
                `${file}:${line}:${n.field}`,
              ),
            );
        }
      }
      if (batch.read >= size) {
        batch.bytes = bytes;
        yield batch;
        batch = { rows: [], issues: [], rejected: 0, read: 0, bytes: 0 };
      }
    }
  }
  if (!columns && !fileRejected) {
    batch.issues.push(
      issue(
        'error',
        'empty_file',
        'the file is empty (not even a header row): nothing was loaded from it',
        `${file}:1`,
      ),
    );
  } else if (rows === 0 && !fileRejected) {
    batch.issues.push(
      issue('warning', 'empty_file', 'the file has a header row but no data rows', `${file}:1`),
    );
  }
  batch.bytes = bytes;
  yield batch;
}
