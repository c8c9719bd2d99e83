import { userOf } from './actor-ids.js';
import { type Json, obj, objs, str } from './json-access.js';
import type { MapContext } from './map-context.js';
import type { Resolved } from './resolve-reference.js';
import type { LoadedResource } from './types.js';

const SKIP = ['entered-in-error', 'not-done', 'preparation'];

/**
 * Conversation of a message: its encounter; else the first resolvable partOf; else the root of
 * its inResponseTo chain (itself excluded); else undefined (the caller pairs client–therapist).
 */
function conversationOf(ctx: MapContext, r: LoadedResource): string | undefined {
  const visited = new Set<string>();
  let current: LoadedResource | undefined = r;
  while (current) {
    const res: Json = current.resource;
    const enc = ctx.resolve(res.encounter, `${current.path}.encounter`, 'Encounter');
    if (enc?.id) return `encounter-${enc.id}`;
    for (const p of objs(res.partOf)) {
      const part = ctx.resolve(p, `${current.path}.partOf`);
      if (part?.type && part.id) return `${part.type.toLowerCase()}-${part.id}`;
    }
    visited.add(current.id ?? '');
    const reply = objs(res.inResponseTo)[0];
    const parent: Resolved | undefined = reply
      ? ctx.resolve(reply, `${current.path}.inResponseTo`, 'Communication')
      : undefined;
    if (!parent?.id) return current === r ? undefined : `communication-${current.id}`;
    if (visited.has(parent.id) || !parent.resource) return `communication-${parent.id}`;
    current = parent.resource;
  }
  return undefined;
}

/** Communication between a client and a therapist → message. */
export function mapCommunication(ctx: MapContext, r: LoadedResource): void {
  const res = r.resource;
  const status = str(res.status);
  if (status && SKIP.includes(status)) {
    return ctx.note(
      'info',
      'skipped_status',
      `Communication is ${status}; not stored`,
      `${r.path}.status`,
    );
  }
  const sender = userOf(ctx, res.sender, `${r.path}.sender`);
  if (!sender) {
    const what = str(obj(res.sender)?.reference) ?? 'no sender';
    return ctx.note(
      'warning',
      'invalid_value',
      `sender ${what} is not a Patient or Practitioner; message skipped`,
      `${r.path}.sender`,
    );
  }
  const others = objs(res.recipient).map((x, i) => userOf(ctx, x, `${r.path}.recipient[${i}]`));
  const subject = userOf(ctx, res.subject, `${r.path}.subject`);
  const pick = (type: 'client' | 'therapist') =>
    sender.type === type
      ? sender.id
      : (others.find((o) => o?.type === type)?.id ??
        (subject?.type === type ? subject.id : undefined));
  const client = pick('client');
  const therapist = pick('therapist');
  const sent = str(res.sent);
  if (!r.id || !sent) {
    return ctx.note(
      'warning',
      'missing_value',
      `Communication has no ${r.id ? 'sent' : 'id'}; skipped`,
      r.path,
    );
  }
  const conversation =
    conversationOf(ctx, r) ??
    (client && therapist ? `${client}-${therapist}` : `communication-${r.id}`);
  ctx.put(
    'messages',
    r.id,
    {
      message_id: r.id,
      conversation_id: conversation,
      sender: sender.type,
      sent_at: sent,
      client_id: client ?? null,
      therapist_id: therapist ?? null,
    },
    r.path,
  );
}
