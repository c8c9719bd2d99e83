import { userOf } from './actor-ids.js';
import { codingHas } from './codeable.js';
import { arr, obj, objs, str } from './json-access.js';
import type { MapContext } from './map-context.js';
import type { LoadedResource } from './types.js';

const LOGIN = '110122';
const AUTHENTICATION = '110114';
const LOGOUT = '110123';

/** True when an AuditEvent records a log-in (DICOM 110122, or 110114 not a log-out). */
export function isLogin(res: Record<string, unknown>): boolean {
  const subtypes = arr(res.subtype);
  if (codingHas(subtypes, [LOGIN])) return true;
  const type = obj(res.type);
  const types = type && !type.coding ? [type] : objs(type?.coding); // R4 Coding, R5 CodeableConcept
  return codingHas(types, [AUTHENTICATION]) && !codingHas(subtypes, [LOGOUT]);
}

/** AuditEvent log-in → activity of the client or therapist who logged in. */
export function mapAuditEvent(ctx: MapContext, r: LoadedResource): void {
  const res = r.resource;
  if (!isLogin(res)) {
    return ctx.note(
      'info',
      'unsupported_resource',
      'AuditEvent is not a log-in; not stored',
      `${r.path}.subtype`,
    );
  }
  const outcome = str(res.outcome) ?? str(obj(obj(res.outcome)?.code)?.code); // R4 code, R5 Coding
  if (outcome && outcome !== '0') {
    return ctx.note(
      'info',
      'skipped_status',
      `log-in failed (outcome ${outcome}); not stored`,
      `${r.path}.outcome`,
    );
  }
  const agents = objs(res.agent);
  const ordered = [
    ...agents.filter((a) => a.requestor === true),
    ...agents.filter((a) => a.requestor !== true),
  ];
  const user = ordered.map((a, i) => userOf(ctx, a.who, `${r.path}.agent[${i}].who`)).find(Boolean);
  const at = str(res.recorded) ?? str(obj(res.period)?.start);
  if (!user || !at) {
    return ctx.note(
      'warning',
      'missing_value',
      `log-in AuditEvent has no ${user ? 'recorded time' : 'Patient or Practitioner agent'}; skipped`,
      r.path,
    );
  }
  ctx.put(
    'activity',
    `${user.type}|${user.id}|${at}|login`,
    { user_id: user.id, user_type: user.type, occurred_at: at, kind: 'login' },
    r.path,
  );
}
