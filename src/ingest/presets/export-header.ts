import type { Mapping } from './mapping.schema.js';
import { normaliseHeader } from './mapping.schema.js';

/** The header of an export: original names and a lookup by normalised name. */
export class ExportHeader {
  private readonly index = new Map<string, number>();

  constructor(readonly names: string[]) {
    names.forEach((n, i) => {
      const k = normaliseHeader(n);
      if (!this.index.has(k)) this.index.set(k, i);
    });
  }

  has(column: string): boolean {
    return this.index.has(normaliseHeader(column));
  }

  /** The (trimmed) cell of `column` in `cells`; '' when the column or the cell is absent. */
  cell(cells: string[], column: string): string {
    const i = this.index.get(normaliseHeader(column));
    return i === undefined ? '' : (cells[i] ?? '').trim();
  }

  /** The header's own spelling of `column` (for issue paths), else `column` itself. */
  display(column: string): string {
    const i = this.index.get(normaliseHeader(column));
    return i === undefined ? column : (this.names[i] ?? column).trim();
  }
}

/** Columns without which no row can be mapped. */
export function requiredColumns(m: Mapping): string[] {
  const a = m.appointment;
  const instant = a.start.column ? [a.start.column] : [a.start.dateColumn!, a.start.timeColumn!];
  return [...(a.id.column ? [a.id.column] : (a.id.hashOf ?? [])), ...instant, ...m.status.columns];
}

/** Every column the mapping reads (for the unmapped-column report). */
export function referencedColumns(m: Mapping): string[] {
  const a = m.appointment;
  const instants = [a.start, a.end, a.bookedAt, a.cancelledAt].flatMap((s) =>
    s ? [s.column, s.dateColumn, s.timeColumn] : [],
  );
  const conditions = m.status.rules.flatMap((r) =>
    Object.entries(r.when).flatMap(([col, c]) =>
      !Array.isArray(c) && 'sameAs' in c ? [col, c.sameAs] : [col],
    ),
  );
  const all = [
    ...requiredColumns(m),
    ...instants,
    a.durationMinutesColumn,
    a.serviceColumn,
    a.priceColumn,
    a.currencyColumn,
    m.timeZoneColumn,
    ...m.personalColumns,
    ...m.client.key.columns,
    m.client.acquisitionChannelColumn,
    m.therapist.idColumn,
    ...(m.therapist.key?.columns ?? []),
    m.therapist.displayNameColumn,
    ...conditions,
  ];
  return all.filter((c): c is string => c !== undefined);
}
