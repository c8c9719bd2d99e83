import type { Rng } from './prng.js';
import type { Row } from './row-buffer.js';
import { HOUR_MS, MINUTE_MS, type ZonedClock } from './zoned-clock.js';

export interface ThreadContext {
  rng: Rng;
  clock: ZonedClock;
  windowEnd: number;
  nextMessageId: () => string;
  out: Array<['messages' | 'activity', Row]>;
}

/** Hours until a therapist answers: median about 1.5 h, p90 about 6–8 h, mean about 2–3 h. */
export function replyDelayHours(rng: Rng, factor: number): number {
  const h = rng.chance(0.09) ? rng.range(5, 14) : rng.logNormal(1.45, 0.75);
  return Math.min(h * factor, 72);
}

/**
 * One exchange in a client–therapist conversation, opened by the client at `at`: one or two
 * client messages and the therapist's reply, sometimes a follow-up round.
 */
export function messageExchange(
  ctx: ThreadContext,
  at: number,
  conversationId: string,
  clientId: string,
  therapistId: string,
  replyFactor: number,
): void {
  const { rng, clock, out, windowEnd } = ctx;
  const send = (sender: 'client' | 'therapist', t: number): boolean => {
    if (t >= windowEnd) return false;
    out.push([
      'messages',
      {
        message_id: ctx.nextMessageId(),
        conversation_id: conversationId,
        sender,
        sent_at: clock.format(t),
        client_id: clientId,
        therapist_id: therapistId,
      },
    ]);
    if (sender === 'client' && rng.chance(0.5)) {
      out.push([
        'activity',
        {
          user_id: clientId,
          user_type: 'client',
          occurred_at: clock.format(t - rng.int(20, 300) * 1000),
          kind: 'login',
        },
      ]);
    }
    return true;
  };
  let t = at;
  for (let round = 0; round < 3; round++) {
    if (!send('client', t)) return;
    let lastClient = t;
    if (rng.chance(0.2)) {
      lastClient = t + rng.range(2, 30) * MINUTE_MS;
      send('client', lastClient);
    }
    t = Math.max(t + replyDelayHours(rng, replyFactor) * HOUR_MS, lastClient + MINUTE_MS);
    if (!send('therapist', t)) return;
    if (!rng.chance(0.3)) return;
    t += rng.range(10, 360) * MINUTE_MS;
  }
}
