import { entityColumns } from '../ingest/entity-columns.js';
import type { Cell, TableBatch } from '../ingest/table-batches.js';
import { toTableRow } from '../ingest/to-table-row.js';
import { AppError } from '../model/app-error.js';
import { entitySchema, type EntityName, type EntityRecord } from '../model/entities.js';
import { issue, type Issue } from '../model/issue.js';
import { ZPractice, type Practice } from '../model/practice.js';
import { KnownIds } from './check-references.js';
import type { Db, Store } from './database.js';
import type { ImportProgress, ImportResult } from './import-canonical.js';
import { importTableBatches, throwIfAborted, type RowLocator } from './import-entity-file.js';
import type { FileCounts } from './import-file-counts.js';
import { finishImport } from './finish-import.js';
import { getPractice } from './practice.repository.js';

/** One canonical record from a non-CSV source, with where it came from (its issue path). */
export interface SourceRecord {
  entity: EntityName;
  record: unknown;
  path: string;
}

/** Records to import: grouped by entity, in ENTITIES load order. */
export interface RecordSource {
  /** Names the source in the import log and the per-entity counts (`fhir`, a file name). */
  label: string;
  records: AsyncIterable<SourceRecord> | Iterable<SourceRecord>;
  /** Issues found before the records (by a mapper); they join the import's issues. */
  issues?: Issue[];
}

export interface ImportRecordsOptions {
  /** The practice to load into (default `default`). */
  practiceId?: string;
  /** The format recorded in the import log (default `records`). */
  format?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Aborting rolls the whole import back. */
  signal?: AbortSignal;
  /** Where the issue report goes (default: as importCanonical); false writes none. */
  reportPath?: string | false;
  batchSize?: number;
  /** The issue path of a record's field (default `path:field`). */
  fieldPath?: (path: string, field: string) => string;
  /** Report fields a record has but its entity does not know, as info (default false). */
  unknownFields?: boolean;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Imports records (FHIR, a mapped export, an API body) with the guarantees of the canonical
 * import: each record is validated with its entity's schema in the practice time zone and
 * normalised to its table row, and the rows go through the same batch writer as CSV files
 * (references, duplicate keys, diff, upsert), all in ONE transaction, which also logs the import
 * and, when there were issues, writes its report (see finishImport).
 */
export async function importRecords(
  store: Store,
  source: RecordSource,
  opts: ImportRecordsOptions = {},
): Promise<ImportResult> {
  const startedAt = Date.now();
  const issues: Issue[] = [...(source.issues ?? [])];
  const practiceId = opts.practiceId ?? 'default';
  const idCheck = ZPractice.shape.practice_id.safeParse(practiceId);
  if (!idCheck.success) {
    throw new AppError('USAGE', `practice id "${practiceId}": ${idCheck.error.issues[0]?.message}`);
  }
  const total = Array.isArray(source.records) ? source.records.length : 0;
  let finished: Awaited<ReturnType<typeof finishImport>> | undefined;
  const { practice, files } = await store.db
    .transaction()
    .execute(async (trx) => {
      const practice = await getPractice(trx, practiceId);
      const files = await loadRecords(trx, source, practice, issues, total, opts);
      throwIfAborted(opts.signal);
      finished = await finishImport(trx, store, {
        practiceId: practice.practice_id,
        source: source.label,
        format: opts.format ?? 'records',
        startedAt,
        files,
        issues,
        reportPath: opts.reportPath,
      });
      return { practice, files };
    })
    .catch((e: unknown) => {
      finished?.discard();
      throw e;
    });
  const { importId, status, finishedAt, reportPath } = finished!;
  return { importId, practice, files, issues, status, startedAt, finishedAt, reportPath };
}

/** Feeds each run of records of one entity to the batch writer as table batches. */
async function loadRecords(
  db: Db,
  source: RecordSource,
  practice: Practice,
  issues: Issue[],
  total: number,
  opts: ImportRecordsOptions,
): Promise<FileCounts[]> {
  const size = opts.batchSize ?? 500;
  const fieldPath = opts.fieldPath ?? ((p: string, f: string) => `${p}:${f}`);
  const known = new KnownIds();
  const files: FileCounts[] = [];
  const iterator: AsyncIterator<SourceRecord> | Iterator<SourceRecord> =
    Symbol.asyncIterator in source.records
      ? source.records[Symbol.asyncIterator]()
      : source.records[Symbol.iterator]();
  let next = await iterator.next();
  let done = 0;
  while (!next.done) {
    throwIfAborted(opts.signal);
    const entity = next.value.entity;
    const file = `${entity} (${source.label})`;
    const schema = entitySchema(entity, practice.timezone);
    const fields = new Set(entityColumns(entity).known);
    const unknownSeen = new Set<string>();
    /** The path of the record numbered n (1-based) in this run. */
    const paths: string[] = [];
    const at: RowLocator = {
      path: (line, field) => {
        const p = paths[line - 1] ?? `${file}#${line}`;
        return field ? fieldPath(p, field) : p;
      },
      name: (line) => paths[line - 1] ?? `record ${line}`,
    };
    const fresh = (): TableBatch => ({
      columns: [],
      lines: [],
      values: [],
      issues: [],
      rejected: 0,
      read: 0,
      bytes: 0,
    });
    async function* batches(): AsyncGenerator<TableBatch> {
      let batch = fresh();
      let rows: Array<Record<string, Cell>> = [];
      const flush = (): TableBatch => {
        const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
        batch.columns = columns;
        batch.values = rows.map((r) => columns.map((c) => r[c] ?? null));
        batch.bytes = done;
        const out = batch;
        batch = fresh();
        rows = [];
        return out;
      };
      while (!next.done && next.value.entity === entity) {
        const { record, path } = next.value;
        paths.push(path);
        const line = paths.length;
        batch.read++;
        done++;
        const found = validateRecord(entity, schema, record, path, fieldPath);
        if (opts.unknownFields && found.ok) {
          for (const k of Object.keys(record as object)) {
            if (fields.has(k) || unknownSeen.has(k)) continue;
            unknownSeen.add(k);
            batch.issues.push(
              issue(
                'info',
                'unknown_column',
                `${k} is not a field of ${entity}; ignored`,
                fieldPath(path, k),
              ),
            );
          }
        }
        if (!found.ok) {
          batch.issues.push(...found.issues);
          batch.rejected++;
        } else {
          const n = toTableRow(entity, found.value as EntityRecord<typeof entity>, practice);
          if ('row' in n) {
            batch.lines.push(line);
            rows.push(n.row);
          } else {
            batch.issues.push(
              issue('error', 'invalid_value', `${n.field}: ${n.reason}`, fieldPath(path, n.field)),
            );
            batch.rejected++;
          }
        }
        next = await iterator.next();
        if (batch.read >= size) yield flush();
      }
      yield flush();
    }
    files.push(
      await importTableBatches(db, entity, file, batches(), practice, at, {
        issues,
        signal: opts.signal,
        known,
        onProgress:
          opts.onProgress &&
          ((p) =>
            opts.onProgress!({
              ...p,
              bytes: done,
              entity,
              size: Math.max(total, done),
              unit: 'records',
            })),
      }),
    );
  }
  return files;
}

type Validated = { ok: true; value: unknown } | { ok: false; issues: Issue[] };

/** Validates one record with its entity schema; each zod issue becomes an error at its field. */
function validateRecord(
  entity: EntityName,
  schema: ReturnType<typeof entitySchema>,
  record: unknown,
  path: string,
  fieldPath: (path: string, field: string) => string,
): Validated {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return {
      ok: false,
      issues: [
        issue(
          'error',
          'invalid_value',
          `a ${entity} record must be a JSON object, not ${show(record)}`,
          path,
        ),
      ],
    };
  }
  const r = schema.safeParse(record);
  if (r.success) return { ok: true, value: r.data };
  const input = record as Record<string, unknown>;
  return {
    ok: false,
    issues: r.error.issues.map((zi) => {
      const field = String(zi.path[0] ?? '');
      const raw = input[field];
      const blank =
        raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
      const code = blank && zi.message === 'is required' ? 'missing_value' : 'invalid_value';
      const reason =
        blank || zi.message.startsWith('"') ? zi.message : `"${show(raw)}" ${zi.message}`;
      return issue(
        'error',
        code,
        field ? `${field}: ${reason}` : reason,
        field ? fieldPath(path, field) : path,
      );
    }),
  };
}
