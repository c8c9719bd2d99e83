import { basename } from 'node:path';
import { readFhir } from '../ingest/fhir/index.js';
import {
  mapExportFile,
  PRESETS,
  resolveMapping,
  type MappedRecord,
} from '../ingest/presets/index.js';
import { AppError } from '../model/app-error.js';
import { ENTITY_NAMES } from '../model/entities.js';
import type { Issue } from '../model/issue.js';
import type { Store } from './database.js';
import type { ImportOptions, ImportResult } from './import-canonical.js';
import { importRecords } from './import-records.js';
import { getPractice } from './practice.repository.js';
import { practiceHashKey } from './practice-secret.repository.js';

/** A FHIR import's result, with the resource types no mapper handles (counted). */
export interface FhirImportResult extends ImportResult {
  unsupported: Record<string, number>;
  /** Encounters that are not sessions (class other than AMB or VR), counted by class. */
  skippedEncounters: Record<string, number>;
}

/**
 * Imports FHIR R4 resources, Bundles and bulk-export NDJSON (files or folders): readFhir maps
 * them to canonical records, importRecords loads them in one transaction. Patient ids become
 * keyed hashes with the practice's secret (practiceHashKey), as in importExport. The mapper's
 * issues join the import's; unsupported resource types and encounters that are not sessions
 * are only counted (and noted).
 */
export async function importFhir(
  store: Store,
  inputs: string[],
  opts: ImportOptions = {},
): Promise<FhirImportResult> {
  const practiceId = opts.practiceId ?? 'default';
  const hashKey = await practiceHashKey(store.db, practiceId);
  const read = await readFhir(inputs, { hashKey });
  const result = await importRecords(
    store,
    { label: 'fhir', records: read.records, issues: read.issues },
    { ...opts, practiceId, format: 'fhir' },
  );
  return { ...result, unsupported: read.unsupported, skippedEncounters: read.skippedEncounters };
}

export interface ExportImportOptions extends ImportOptions {
  /** "Now" for the mapping's future-dependent status rules (default: the current time). */
  now?: number;
}

/**
 * Imports scheduling exports with a preset (`calendly`, `calcom`, `simplepractice`) or a JSON
 * mapping file. Names, e-mails and phones only become keyed hashes with the practice's secret
 * (practiceHashKey): they never reach the store. Several files may name the same therapist or
 * client: one record of each is kept (a client's earliest first appearance).
 */
export async function importExport(
  store: Store,
  files: string[],
  presetOrMappingFile: string,
  opts: ExportImportOptions = {},
): Promise<ImportResult> {
  const resolved = await resolveMapping(presetOrMappingFile);
  if (!resolved.mapping) {
    throw new AppError(
      'USAGE',
      `the mapping is not valid:\n${resolved.issues.map((i) => `  ${i.message}`).join('\n')}`,
      resolved.issues,
    );
  }
  const practiceId = opts.practiceId ?? 'default';
  const practice = await getPractice(store.db, practiceId);
  const hashKey = await practiceHashKey(store.db, practiceId);
  const issues: Issue[] = [];
  const records: MappedRecord[] = [];
  const clients = new Map<string, MappedRecord>();
  const therapists = new Set<string>();
  for (const path of files) {
    const mapped = await mapExportFile(path, resolved.mapping, {
      hashKey,
      timeZone: practice.timezone,
      ...(opts.now === undefined ? {} : { now: opts.now }),
    }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'EISDIR') throw new AppError('USAGE', `${path} is a folder, not an export`);
      throw e;
    });
    issues.push(...mapped.issues);
    for (const r of mapped.records) {
      if (r.entity === 'therapists') {
        const id = String(r.record.therapist_id);
        if (therapists.has(id)) continue;
        therapists.add(id);
      } else if (r.entity === 'clients') {
        const id = String(r.record.client_id);
        const before = clients.get(id);
        if (before) {
          const at = (x: MappedRecord) => Date.parse(String(x.record.created_at));
          if (at(r) < at(before)) before.record = r.record;
          continue;
        }
        clients.set(id, r);
      }
      records.push(r);
    }
  }
  const order = (r: MappedRecord) => ENTITY_NAMES.indexOf(r.entity);
  records.sort((a, b) => order(a) - order(b));
  const preset = Object.hasOwn(PRESETS, presetOrMappingFile);
  return importRecords(
    store,
    { label: files.map((f) => basename(f)).join(' '), records, issues },
    {
      ...opts,
      practiceId,
      format: preset ? presetOrMappingFile : `mapping:${basename(presetOrMappingFile)}`,
    },
  );
}
