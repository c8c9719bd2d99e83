import type { Issue } from '../../model/issue.js';
import { issue } from '../../model/issue.js';
import { isTimeZone } from '../../model/instant.js';
import type { ExportHeader } from './export-header.js';
import type { IdentityKey, InstantSource, Mapping } from './mapping.schema.js';
import { parseExportInstant } from './parse-export-instant.js';
import { pseudonymousId } from './pseudonymous-id.js';
import { describeStatusCells, resolveStatus } from './status-rules.js';

export interface MapOptions {
  hashKey: string;
  /** The practice / export time zone (IANA) instants without their own offset are read in. */
  timeZone: string;
  /** "Now" in epoch ms for rules with `ifFuture` (default: the current time). */
  now?: number;
}

/** One export row mapped onto canonical drafts (validated later, after de-duplication). */
export interface MappedRow {
  line: number;
  therapist: { therapist_id: string; display_name: string | null; column: string };
  client: {
    client_id: string;
    firstSeen: { ms: number; iso: string };
    acquisition_channel: string | null;
    column: string;
  };
  appointment: Record<string, unknown>;
  appointmentColumn: string;
}

interface RowContext {
  mapping: Mapping;
  header: ExportHeader;
  cells: string[];
  line: number;
  file: string;
  options: MapOptions;
  issues: Issue[];
}

const at = (c: RowContext, column: string) => `${c.file}:${c.line}:${c.header.display(column)}`;

function identity(c: RowContext, key: IdentityKey): { value: string; column: string } | null {
  for (const column of key.columns) {
    let value = c.header.cell(c.cells, column);
    if (key.listSeparator) value = (value.split(key.listSeparator)[0] ?? '').trim();
    if (value !== '') return { value, column };
  }
  return null;
}

function rowZone(c: RowContext): string {
  const col = c.mapping.timeZoneColumn;
  if (col === undefined) return c.options.timeZone;
  const zone = c.header.cell(c.cells, col);
  if (zone !== '' && isTimeZone(zone)) return zone;
  if (zone !== '') {
    c.issues.push(
      issue(
        'warning',
        'invalid_value',
        `"${zone}" is not an IANA time zone; read in ${c.options.timeZone}`,
        at(c, col),
      ),
    );
  }
  return c.options.timeZone;
}

function instant(c: RowContext, src: InstantSource | undefined, zone: string) {
  if (!src) return null;
  const column = src.column ?? src.dateColumn!;
  const text = src.column
    ? c.header.cell(c.cells, src.column)
    : `${c.header.cell(c.cells, src.dateColumn!)} ${c.header.cell(c.cells, src.timeColumn!)}`.trim();
  if (text === '') return null;
  const parsed = parseExportInstant(text, c.mapping.dateTimeFormats, zone);
  if (!parsed.ok) {
    c.issues.push(issue('error', 'invalid_value', parsed.message, at(c, column)));
    return undefined;
  }
  if (parsed.shifted) {
    c.issues.push(
      issue(
        'warning',
        'invalid_value',
        `"${text}" does not exist in ${zone} (DST gap); read as ${parsed.iso}`,
        at(c, column),
      ),
    );
  }
  return { ms: parsed.ms, iso: parsed.iso };
}

const decimal = (v: string) => {
  const d = v.replace(/[^\d.-]/g, '');
  return d === '' ? null : d;
};

function appointmentId(c: RowContext): { id: string; column: string } | null {
  const { id } = c.mapping.appointment;
  if (id.column) {
    const v = c.header.cell(c.cells, id.column);
    return v === '' ? null : { id: v, column: id.column };
  }
  const parts = (id.hashOf ?? []).map((col) => c.header.cell(c.cells, col));
  if (parts.every((p) => p === '')) return null;
  return {
    id: pseudonymousId('appointment', parts.join('\u001f'), c.options.hashKey),
    column: id.hashOf![0]!,
  };
}

function therapist(c: RowContext): MappedRow['therapist'] | null {
  const t = c.mapping.therapist;
  const name = t.displayNameColumn ? c.header.cell(c.cells, t.displayNameColumn) : '';
  const display_name = c.mapping.keepTherapistNames && name !== '' ? name : null;
  if (t.constant)
    return { therapist_id: t.constant, display_name, column: t.displayNameColumn ?? '' };
  if (t.idColumn) {
    const v = c.header.cell(c.cells, t.idColumn);
    return v === '' ? null : { therapist_id: v, display_name, column: t.idColumn };
  }
  const who = identity(c, t.key!);
  if (!who) return null;
  return {
    therapist_id: pseudonymousId('therapist', who.value, c.options.hashKey),
    display_name,
    column: who.column,
  };
}

/** Maps one data row; returns null (with error issues) when the row cannot be used. */
export function mapExportRow(c: RowContext): MappedRow | null {
  const { mapping, header, cells } = c;
  const a = mapping.appointment;
  const before = c.issues.filter((i) => i.severity === 'error').length;
  const zone = rowZone(c);
  const id = appointmentId(c);
  if (!id)
    c.issues.push(
      issue(
        'error',
        'missing_value',
        'has no appointment id',
        at(c, a.id.column ?? a.id.hashOf![0]!),
      ),
    );
  const start = instant(c, a.start, zone);
  if (start === null)
    c.issues.push(
      issue('error', 'missing_value', 'has no start', at(c, a.start.column ?? a.start.dateColumn!)),
    );
  const end = instant(c, a.end, zone);
  const bookedAt = instant(c, a.bookedAt, zone);
  const cancelledAt = instant(c, a.cancelledAt, zone);
  const who = identity(c, mapping.client.key);
  if (!who)
    c.issues.push(
      issue(
        'error',
        'missing_value',
        'has no client (all of the client key columns are empty)',
        at(c, mapping.client.key.columns[0]!),
      ),
    );
  const t = therapist(c);
  if (!t)
    c.issues.push(
      issue(
        'error',
        'missing_value',
        'has no therapist',
        at(c, mapping.therapist.idColumn ?? mapping.therapist.key?.columns[0] ?? ''),
      ),
    );
  if (c.issues.filter((i) => i.severity === 'error').length > before || !id || !start || !who || !t)
    return null;

  const durationText = a.durationMinutesColumn ? header.cell(cells, a.durationMinutesColumn) : '';
  const duration = end
    ? (end.ms - start.ms) / 60_000
    : durationText === ''
      ? null
      : Number.parseFloat(durationText);
  const endMs = end
    ? end.ms
    : duration !== null && !Number.isNaN(duration)
      ? start.ms + duration * 60_000
      : start.ms;
  const resolved = resolveStatus(mapping, header, cells, endMs <= (c.options.now ?? Date.now()));
  if (!resolved) {
    c.issues.push(
      issue(
        'error',
        'invalid_value',
        `status ${describeStatusCells(mapping, header, cells)} has no mapping`,
        at(c, mapping.status.columns[0]!),
      ),
    );
    return null;
  }
  const opt = (col: string | undefined) => (col ? header.cell(cells, col) || null : null);
  const price = opt(a.priceColumn);
  const appointment: Record<string, unknown> = {
    appointment_id: id.id,
    client_id: pseudonymousId('client', who.value, c.options.hashKey),
    therapist_id: t.therapist_id,
    scheduled_start: start.iso,
    status: resolved.status,
    service: opt(a.serviceColumn),
    booked_at: bookedAt?.iso ?? null,
    scheduled_end: end?.iso ?? null,
    duration_min: duration !== null && !Number.isNaN(duration) ? duration : durationText || null,
    cancelled_at: cancelledAt?.iso ?? null,
    cancelled_by: resolved.cancelledBy,
    price: price === null ? null : (decimal(price) ?? price),
    currency: price === null ? null : (opt(a.currencyColumn) ?? a.currency ?? null),
  };
  const first = bookedAt && bookedAt.ms < start.ms ? bookedAt : start;
  return {
    line: c.line,
    therapist: t,
    client: {
      client_id: appointment.client_id as string,
      firstSeen: first,
      acquisition_channel: opt(mapping.client.acquisitionChannelColumn),
      column: who.column,
    },
    appointment,
    appointmentColumn: id.column,
  };
}
