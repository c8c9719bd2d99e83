import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PRESETS } from '../../ingest/presets/index.js';
import { refreshRollups } from '../../metrics/rollups/refresh-rollups.js';
import { AppError } from '../../model/app-error.js';
import { ZIssue } from '../../model/issue.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import type { Store } from '../../store/database.js';
import type { ImportResult } from '../../store/import-canonical.js';
import { importCanonical } from '../../store/import-canonical.js';
import { importExport, importFhir } from '../../store/import-external.js';
import { defaultReportPath } from '../../store/import-report.js';
import { getPractice } from '../../store/practice.repository.js';
import { clientAddress } from '../auth/client-address.js';
import { actorOf, grantOf } from '../auth/grant.js';
import { capIssues } from '../cap-issues.js';
import { requireKnownPractice } from '../known-practice.js';
import type { RequestLimits } from '../request-limits.js';
import { ERROR_RESPONSES, ZErrorBody } from '../schemas/error-body.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import type { RegisterRoute } from './route-deps.js';

export const UPLOADS_PATH = '/api/v1/uploads';

export const UPLOAD_FORMATS = ['canonical', 'fhir', ...Object.keys(PRESETS)] as const;

/** A file name as given by a browser, kept only when it is a plain name (no folder, no dots up). */
const ZFileName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/,
    'must be a plain file name (letters, digits, . _ -)',
  );

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const ZUploadResult = z
  .object({
    import_id: z.string(),
    status: z.enum(['ok', 'partial', 'failed']),
    format: z.enum(UPLOAD_FORMATS),
    files: z.array(
      z.object({
        file: z.string(),
        entity: z.string(),
        inserted: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        rejected: z.number().int(),
        warnings: z.number().int(),
      }),
    ),
    issues: z.array(ZIssue),
    issues_total: z.number().int(),
    report: z
      .string()
      .nullable()
      .describe('GET this path for the full issue report as CSV; null when there was no issue'),
    notes: z.array(z.string()),
    rollups: z.enum(['updated', 'stale']).describe('stale: rebuilt on the next KPI read'),
  })
  .meta({ id: 'UploadResult' });
export type UploadResult = z.infer<typeof ZUploadResult>;

const uploadRoute = (limits: RequestLimits) =>
  createRoute({
    method: 'post',
    path: UPLOADS_PATH,
    summary: 'Upload files to import',
    description:
      'The browser’s import: the files of one canonical folder (practice.json and entity CSVs), ' +
      'FHIR R4 JSON or NDJSON files, or a scheduling export, sent as `multipart/form-data` in ' +
      'the field `files` (repeat it per file). They go through the same pipeline as ' +
      '`rapport import`: one transaction, valid rows kept, rejected rows listed with file, line, ' +
      `field and reason, the import logged and audited. At most ${MB(limits.maxUploadBytes)} per ` +
      `upload; the answer lists the first ${limits.maxIssues} issues and links the full report.`,
    request: {
      query: ZPracticeQuery.extend({
        format: z.enum(UPLOAD_FORMATS).default('canonical'),
      }),
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              files: z.array(z.string().meta({ format: 'binary' })).describe('the files'),
            }),
          },
        },
      },
    },
    responses: {
      200: {
        description: 'Every row loaded',
        content: { 'application/json': { schema: ZUploadResult } },
      },
      207: {
        description: 'Some rows rejected (listed); the others loaded',
        content: { 'application/json': { schema: ZUploadResult } },
      },
      422: {
        description: 'Nothing could be loaded; the store is as it was',
        content: { 'application/json': { schema: ZUploadResult } },
      },
      ...ERROR_RESPONSES,
      413: {
        description: `An upload over ${MB(limits.maxUploadBytes)}`,
        content: { 'application/json': { schema: ZErrorBody } },
      },
    },
  });

/** The uploaded files of the request's `files` field, names checked, at least one. */
async function filesOf(c: Context): Promise<File[]> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new AppError('BAD_INPUT', 'send the files as multipart/form-data in the field "files"');
  }
  const body = await c.req.parseBody({ all: true });
  const raw = body.files ?? body['files[]'];
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (f): f is File => typeof f !== 'string',
  );
  if (list.length === 0) throw new AppError('BAD_INPUT', 'files: no file was sent');
  const seen = new Set<string>();
  for (const f of list) {
    const name = ZFileName.safeParse(f.name);
    if (!name.success) {
      throw new AppError('BAD_INPUT', `files: "${f.name}" ${name.error.issues[0]!.message}`);
    }
    if (seen.has(f.name)) throw new AppError('BAD_INPUT', `files: "${f.name}" was sent twice`);
    seen.add(f.name);
  }
  return list;
}

/**
 * Where an upload's issue report goes: `RAPPORT_REPORT_DIR` when set, else where `rapport
 * import` puts its reports (beside the SQLite file, else the server's folder), with a random
 * part so two uploads in one second do not share a file.
 */
function uploadReportPath(store: Store): string {
  const path = defaultReportPath(store, new Date());
  const dir = process.env.RAPPORT_REPORT_DIR ?? dirname(path);
  return join(
    dir,
    basename(path).replace(/-report\.csv$/, `-${randomUUID().slice(0, 8)}-report.csv`),
  );
}

async function runImport(
  store: Store,
  format: (typeof UPLOAD_FORMATS)[number],
  dir: string,
  paths: string[],
  practiceId: string,
): Promise<{ result: ImportResult; notes: string[] }> {
  const opts = { practiceId, reportPath: uploadReportPath(store) };
  if (format === 'canonical')
    return { result: await importCanonical(store, [dir], opts), notes: [] };
  if (format === 'fhir') {
    const r = await importFhir(store, paths, opts);
    const unsupported = Object.entries(r.unsupported).sort(([a], [b]) => a.localeCompare(b));
    const notes =
      unsupported.length > 0
        ? [
            `unsupported FHIR resources (ignored): ${unsupported.map(([t, n]) => `${t} ${n}`).join(', ')}`,
          ]
        : [];
    return { result: r, notes };
  }
  return { result: await importExport(store, paths, format, opts), notes: [] };
}

/** `POST /api/v1/uploads`: files from the browser through the CLI's import pipeline. */
export const registerUploadsRoute: RegisterRoute = (app, store, limits) => {
  const route = uploadRoute(limits);
  app.openAPIRegistry.registerPath(route);
  app.post(UPLOADS_PATH, async (c) => {
    const query = ZPracticeQuery.extend({ format: z.enum(UPLOAD_FORMATS).default('canonical') })
      .strict()
      .safeParse(c.req.query());
    if (!query.success) {
      const i = query.error.issues[0]!;
      throw new AppError('BAD_INPUT', `${i.path.join('.') || 'query'}: ${i.message}`);
    }
    const { practice: practiceId, format } = query.data;
    await requireKnownPractice(store, practiceId);
    const files = await filesOf(c);
    const tmp = await mkdtemp(join(tmpdir(), 'rapport-upload-'));
    // The import log names the folder: "browser-upload", not a random temporary name.
    const dir = join(tmp, 'browser-upload');
    try {
      await mkdir(dir);
      const paths: string[] = [];
      for (const f of files) {
        const path = join(dir, f.name);
        await writeFile(path, Buffer.from(await f.arrayBuffer()));
        paths.push(path);
      }
      const { result, notes } = await runImport(store, format, dir, paths, practiceId);
      const sum = (k: 'inserted' | 'updated' | 'unchanged' | 'rejected') =>
        result.files.reduce((n, f) => n + f[k], 0);
      await appendAudit(store.db, {
        practice_id: practiceId,
        actor: actorOf(grantOf(c)),
        action: 'import',
        target: result.importId,
        details: {
          format,
          via: 'upload',
          files: files.length,
          status: result.status,
          inserted: sum('inserted'),
          updated: sum('updated'),
          unchanged: sum('unchanged'),
          rejected: sum('rejected'),
        },
        address: clientAddress(c),
      });
      let rollups: UploadResult['rollups'] = 'stale';
      if (result.status !== 'failed') {
        try {
          await refreshRollups(store.db, await getPractice(store.db, practiceId));
          rollups = 'updated';
        } catch {
          // The import is saved; the engine rebuilds stale rollups on its next read.
        }
      }
      const listed = capIssues(result.issues, limits);
      const answer: UploadResult = {
        import_id: result.importId,
        status: result.status,
        format,
        files: result.files.map((f) => ({
          file: basename(f.file),
          entity: f.entity,
          inserted: f.inserted,
          updated: f.updated,
          unchanged: f.unchanged,
          rejected: f.rejected,
          warnings: f.warnings,
        })),
        issues: listed.issues,
        issues_total: listed.total,
        report:
          result.reportPath === null
            ? null
            : `/api/v1/imports/${result.importId}/report?practice=${encodeURIComponent(practiceId)}`,
        notes,
        rollups,
      };
      const status = result.status === 'ok' ? 200 : result.status === 'partial' ? 207 : 422;
      return c.json(answer, status);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
};
