import { DateTime } from 'luxon';

export type ParsedInstant =
  { ok: true; iso: string; ms: number; shifted: boolean } | { ok: false; message: string };

/**
 * Reads a date-time cell of an export in one of `formats` (luxon tokens, or `iso`) as wall-clock
 * time in `zone`, DST-correct. Returns an ISO 8601 string with the zone's offset; `shifted` is
 * true when the wall-clock time does not exist in the zone (a spring-forward gap) and was moved.
 * An ISO text with its own offset keeps its instant and is shown in `zone`.
 */
export function parseExportInstant(text: string, formats: string[], zone: string): ParsedInstant {
  const value = text.trim().replace(/\s+/g, ' ');
  for (const format of formats) {
    const parsed =
      format === 'iso'
        ? DateTime.fromISO(value, { zone, setZone: false })
        : DateTime.fromFormat(value, format, { zone, locale: 'en-US' });
    if (!parsed.isValid) continue;
    const local = parsed.setZone(zone);
    const iso = local.toISO({ suppressMilliseconds: true });
    if (iso === null) continue;
    return {
      ok: true,
      iso,
      ms: local.toMillis(),
      shifted: format !== 'iso' && isShifted(value, local),
    };
  }
  return {
    ok: false,
    message: `"${text}" is not a date-time in ${formats.map((f) => `"${f}"`).join(' or ')}`,
  };
}

/** True when the hour:minute written in the text differs from the parsed wall-clock time. */
function isShifted(text: string, local: DateTime): boolean {
  const m = /(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?/i.exec(text);
  if (!m) return false;
  let hour = Number(m[1]) % (m[3] ? 12 : 24);
  if (m[3] && /^p/i.test(m[3])) hour += 12;
  return hour !== local.hour || Number(m[2]) !== local.minute;
}
