import { basename } from 'node:path';
import type { EntityName } from '../../model/entities.js';
import { entitySchema } from '../../model/entities.js';
import type { Issue } from '../../model/issue.js';
import { issue } from '../../model/issue.js';
import { ExportHeader, referencedColumns, requiredColumns } from './export-header.js';
import { readExportRows } from './export-rows.js';
import type { MapOptions, MappedRow } from './map-export-row.js';
import { mapExportRow } from './map-export-row.js';
import type { Mapping } from './mapping.schema.js';
import { normaliseHeader } from './mapping.schema.js';

export type { MapOptions } from './map-export-row.js';

/** A canonical record made from an export, with the `file:line:column` it came from. */
export interface MappedRecord {
  entity: EntityName;
  record: Record<string, unknown>;
  path: string;
}

export interface MapResult {
  records: MappedRecord[];
  issues: Issue[];
}

/**
 * Streams a scheduling export and maps it with `mapping` onto canonical therapists, clients and
 * appointments, in that load order, clients and therapists de-duplicated. Names, e-mails and
 * phones are only hashed into ids (`pseudonymousId`), never emitted. Every emitted record passes
 * `entitySchema(entity, options.timeZone)`; rows that cannot be mapped become error issues.
 */
export async function mapExportFile(
  path: string,
  mapping: Mapping,
  options: MapOptions,
): Promise<MapResult> {
  const file = basename(path);
  const issues: Issue[] = [];
  const rows: MappedRow[] = [];
  let header: ExportHeader | null = null;
  try {
    for await (const { line, cells } of readExportRows(path)) {
      if (!header) {
        header = new ExportHeader(cells);
        if (!checkHeader(header, mapping, file, issues)) return { records: [], issues };
        continue;
      }
      const row = mapExportRow({ mapping, header, cells, line, file, options, issues });
      if (row) rows.push(row);
    }
  } catch (e) {
    const err = e as Error & { code?: string; lines?: number };
    if (typeof err.code === 'string' && err.code.startsWith('CSV_')) {
      issues.push(issue('error', 'malformed_row', err.message, `${file}:${err.lines ?? 0}`));
      return { records: [], issues };
    }
    throw e;
  }
  if (!header)
    issues.push(issue('error', 'missing_column', 'the file is empty (no header row)', `${file}:1`));
  if (mapping.therapist.constant && rows.length > 0) {
    issues.push(
      issue(
        'info',
        'missing_column',
        `the export names no therapist; every appointment is given to "${mapping.therapist.constant}"`,
        `${file}:1`,
      ),
    );
  }
  return { records: toRecords(rows, file, header, options.timeZone, issues), issues };
}

function checkHeader(h: ExportHeader, m: Mapping, file: string, issues: Issue[]): boolean {
  const missing = requiredColumns(m).filter((c) => !h.has(c));
  const clientKeyMissing = m.client.key.columns.every((c) => !h.has(c));
  for (const c of missing)
    issues.push(
      issue(
        'error',
        'missing_column',
        `required column "${c}" is not in the header`,
        `${file}:1:${c}`,
      ),
    );
  if (clientKeyMissing) {
    issues.push(
      issue(
        'error',
        'missing_column',
        `none of the client key columns (${m.client.key.columns.join(', ')}) is in the header`,
        `${file}:1`,
      ),
    );
  }
  const known = new Set(referencedColumns(m).map(normaliseHeader));
  for (const c of new Set(referencedColumns(m))) {
    if (!h.has(c) && !missing.includes(c) && !m.client.key.columns.includes(c)) {
      issues.push(
        issue(
          'warning',
          'missing_column',
          `column "${c}" of the mapping is not in the header; treated as empty`,
          `${file}:1:${c}`,
        ),
      );
    }
  }
  for (const name of h.names) {
    if (name.trim() !== '' && !known.has(normaliseHeader(name))) {
      issues.push(
        issue(
          'info',
          'unknown_column',
          `column "${name.trim()}" is not mapped; ignored`,
          `${file}:1:${name.trim()}`,
        ),
      );
    }
  }
  return missing.length === 0 && !clientKeyMissing;
}

function toRecords(
  rows: MappedRow[],
  file: string,
  header: ExportHeader | null,
  timeZone: string,
  issues: Issue[],
): MappedRecord[] {
  const col = (c: string) => (header ? header.display(c) : c);
  const therapists = new Map<string, MappedRecord>();
  const clients = new Map<string, { rec: MappedRecord; first: number }>();
  const appointments = new Map<string, MappedRecord>();
  for (const r of rows) {
    const path = `${file}:${r.line}:${col(r.appointmentColumn)}`;
    const t = therapists.get(r.therapist.therapist_id);
    if (!t) {
      const record = {
        therapist_id: r.therapist.therapist_id,
        display_name: r.therapist.display_name,
      };
      therapists.set(record.therapist_id, {
        entity: 'therapists',
        record,
        path: `${file}:${r.line}:${col(r.therapist.column || r.appointmentColumn)}`,
      });
    } else if (t.record.display_name == null && r.therapist.display_name) {
      t.record.display_name = r.therapist.display_name;
    }
    const c = clients.get(r.client.client_id);
    if (!c || r.client.firstSeen.ms < c.first) {
      const record = {
        client_id: r.client.client_id,
        created_at: r.client.firstSeen.iso,
        acquisition_channel:
          r.client.acquisition_channel ?? c?.rec.record.acquisition_channel ?? null,
      };
      clients.set(record.client_id, {
        rec: {
          entity: 'clients',
          record,
          path: c?.rec.path ?? `${file}:${r.line}:${col(r.client.column)}`,
        },
        first: r.client.firstSeen.ms,
      });
    } else if (c.rec.record.acquisition_channel == null && r.client.acquisition_channel) {
      c.rec.record.acquisition_channel = r.client.acquisition_channel;
    }
    const id = r.appointment.appointment_id as string;
    if (appointments.has(id)) {
      issues.push(
        issue(
          'warning',
          'duplicate_in_file',
          `appointment "${id}" appears again; the first row is kept`,
          path,
        ),
      );
      continue;
    }
    appointments.set(id, { entity: 'appointments', record: r.appointment, path });
  }
  const all = [
    ...therapists.values(),
    ...[...clients.values()].map((c) => c.rec),
    ...appointments.values(),
  ];
  return all.filter((rec) => {
    const parsed = entitySchema(rec.entity, timeZone).safeParse(rec.record);
    if (parsed.success) return true;
    for (const e of parsed.error.issues) {
      issues.push(
        issue('error', 'invalid_value', `${rec.entity}.${e.path.join('.')} ${e.message}`, rec.path),
      );
    }
    return false;
  });
}
