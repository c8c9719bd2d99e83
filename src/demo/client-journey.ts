import type { EntityName } from '../model/entities.js';
import { drawOutcome, type Outcome } from './appointment-outcome.js';
import type { SimClient } from './client-profile.js';
import { messageExchange, type ThreadContext } from './message-thread.js';
import type { Rng } from './prng.js';
import type { Row } from './row-buffer.js';
import { clientSurveys, type CompletedSession } from './client-surveys.js';
import type { SimulationPlan } from './simulation-plan.js';
import type { SlotCalendar } from './slot-calendar.js';
import type { createMatcher, MatchKind } from './therapist-matcher.js';
import { therapyFit } from './therapy-fit.js';
import type { SimTherapist } from './therapist-roster.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './zoned-clock.js';

export interface JourneyContext {
  plan: SimulationPlan;
  rng: Rng;
  /** The PHQ-9 / GAD-7 answers' own stream, so they never shift the journeys' draws. */
  outcomeRng: Rng;
  calendar: SlotCalendar;
  matcher: ReturnType<typeof createMatcher>;
  /** Extra (off-slot) sessions already placed per therapist-day, for overloaded therapists. */
  extras: Map<number, number>;
  nextId: (kind: 'appointment' | 'message' | 'survey' | 'payment') => string;
}

export interface ClientTrace {
  client_id: string;
  match: MatchKind;
  /** `therapyFit` with the first therapist (0 when none was found). */
  fit: number;
  need: string;
  language: string;
  /** Switched therapist by choice within the first three sessions. */
  rematched: boolean;
  neuro: boolean;
  continuing: boolean;
  appointments: number;
}

type Out = Array<[EntityName, Row]>;

/** Hours from request to booking: mostly 1–6 h, a small tail of days. */
const waitHours = (rng: Rng): number =>
  rng.chance(0.02) ? rng.range(12, 72) : Math.min(30, rng.logNormal(2, 0.8));

const money = (n: number): string => n.toFixed(2);

/**
 * Simulates one client from first contact to discharge (or the window's end) and returns the
 * rows in emission order: the client, then each appointment followed by its rating and payments,
 * then messages, surveys and platform activity.
 */
export function simulateClient(
  ctx: JourneyContext,
  c: SimClient,
): { rows: Out; trace: ClientTrace } {
  const { plan, rng, calendar, matcher } = ctx;
  const { clock, windowEnd } = plan;
  const fmt = clock.format;
  const body: Out = [];
  const late: Out = [];
  const thread: ThreadContext = {
    rng,
    clock,
    windowEnd,
    nextMessageId: () => ctx.nextId('message'),
    out: late as ThreadContext['out'],
  };
  // One row per user, written instant (whole seconds) and kind: two bookings within the same
  // second log in once.
  const logged = new Set<string>();
  const activity = (t: number, kind: string) => {
    if (t >= windowEnd || t < c.createdAt) return;
    const at = fmt(t);
    if (logged.has(kind + at)) return;
    logged.add(kind + at);
    late.push(['activity', { user_id: c.id, user_type: 'client', occurred_at: at, kind }]);
  };
  const completed: CompletedSession[] = [];
  const conversation = (t: SimTherapist) => `cv-${c.seq}-${t.index + 1}`;
  let rematched = false;
  let ended: 'completed' | 'dropout' | 'open' = 'open';
  let lastContact = c.createdAt;

  let requested = c.firstRequest;
  let booked = requested + waitHours(rng) * HOUR_MS;
  const firstBooked = booked;
  let from = booked + rng.range(16, 120) * HOUR_MS;
  const first = matcher.match(c.matchKind, {
    need: c.need,
    language: c.language,
    neuro: c.neuro,
    from,
    bookingAt: booked,
    day: clock.localDay(from),
  });
  const kind = first?.kind ?? c.matchKind;
  let therapist = first?.therapist ?? null;
  let slot = first?.slot ?? -1;
  let extraStart = 0;
  let done = 0;
  let noShows = 0;
  let missed = 0;
  let index = 0;
  if (therapist && c.messageChance > 0.4 && rng.chance(0.5)) {
    const t0 = booked + rng.range(10, 300) * MINUTE_MS;
    if (t0 < windowEnd) {
      late.push([
        'messages',
        {
          message_id: ctx.nextId('message'),
          conversation_id: conversation(therapist),
          sender: 'therapist',
          sent_at: fmt(t0),
          client_id: c.id,
          therapist_id: therapist.id,
        },
      ]);
    }
  }

  while (therapist && booked < windowEnd) {
    const t: SimTherapist = therapist;
    const fit = therapyFit(c, t);
    const start = slot >= 0 ? calendar.start(slot) : extraStart;
    if (slot >= 0) calendar.reserve(slot);
    const service =
      index === 0 && !c.continuing ? 'intake' : c.neuro ? 'neurofeedback' : 'talk_therapy';
    const minutes =
      service === 'intake' ? 60 : service === 'neurofeedback' ? 5 * rng.int(6, 9) : 50;
    const price =
      service === 'intake'
        ? t.priceIntake
        : service === 'neurofeedback'
          ? t.priceNeuro
          : t.priceTalk;
    const end = start + minutes * MINUTE_MS;
    let status: Outcome['status'] | 'booked' = 'booked';
    let cancelledAt = 0;
    let cancelledBy = '';
    if (start < windowEnd) {
      ({ status, cancelledAt, cancelledBy } = drawOutcome(rng, c, start, booked, index, noShows));
      if (cancelledAt && slot >= 0 && (cancelledBy !== 'client' || start - cancelledAt >= DAY_MS)) {
        calendar.release(slot, cancelledAt);
      }
    }
    const id = ctx.nextId('appointment');
    const withEnd = rng.chance(0.8);
    const actual =
      status === 'completed' && rng.chance(0.3)
        ? service === 'talk_therapy'
          ? rng.int(45, 58)
          : service === 'intake'
            ? rng.int(50, 70)
            : minutes + rng.int(-5, 5)
        : null;
    body.push([
      'appointments',
      {
        appointment_id: id,
        client_id: c.id,
        therapist_id: t.id,
        scheduled_start: fmt(start),
        status,
        service,
        requested_at: fmt(Math.min(requested, booked)),
        booked_at: fmt(booked),
        scheduled_end: withEnd ? fmt(end) : '',
        duration_min: withEnd ? '' : String(minutes),
        cancelled_at: cancelledAt ? fmt(cancelledAt) : '',
        cancelled_by: cancelledBy,
        actual_duration_min: actual === null ? '' : String(actual),
        slot_id: slot >= 0 ? calendar.slotId(slot) : '',
        price: money(price),
        currency: c.currency,
      },
    ]);
    activity(booked - rng.int(0, 1200) * 1000, 'login');
    if (rng.chance(c.messageChance)) {
      const at = Math.max(booked + HOUR_MS, start - rng.range(6, 120) * HOUR_MS);
      if (at < start) messageExchange(thread, at, conversation(t), c.id, t.id, t.replyFactor);
    }
    index++;
    if (status === 'booked') break;
    lastContact = Math.max(lastContact, cancelledAt || start);

    if (status === 'completed') {
      activity(start - rng.int(60, 540) * 1000, 'session_join');
      done++;
      completed.push({ start, end, fit, missedBefore: missed });
      missed = 0;
      if (rng.chance(c.rateChance)) {
        const u = rng.next();
        const rating =
          u < 0.01 ? 1 : u < 0.04 ? 2 : u < 0.12 ? 3 : u < 0.45 - t.ratingShift ? 4 : 5;
        const ratedAt = end + rng.logNormal(3, 1.3) * HOUR_MS;
        if (ratedAt < windowEnd) {
          body.push([
            'session_ratings',
            { appointment_id: id, rating: String(rating), rated_at: fmt(ratedAt) },
          ]);
        }
      }
      const paidAt =
        end + (c.channel === 'insurer' ? rng.range(5, 40) * DAY_MS : rng.range(0.1, 72) * HOUR_MS);
      pay(ctx, body, c, id, money(price), paidAt, windowEnd, fmt);
      if (rng.chance(0.012)) {
        pay(ctx, body, c, id, money(-price), paidAt + rng.range(1, 20) * DAY_MS, windowEnd, fmt);
      }
    } else if (cancelledBy === 'client' && start - cancelledAt < DAY_MS && rng.chance(0.5)) {
      pay(
        ctx,
        body,
        c,
        id,
        money(price / 2),
        cancelledAt + rng.range(1, 48) * HOUR_MS,
        windowEnd,
        fmt,
      );
    }

    // What happens next.
    if (status === 'completed' && done >= c.plannedSessions) {
      ended = 'completed';
      break;
    }
    if (status === 'no_show' || status === 'late_cancelled') missed++;
    // A poorly fitting therapist loses some clients after the first sessions.
    if (status === 'completed' && done <= 4 && rng.chance(0.07 * (1 - fit))) {
      ended = 'dropout';
      break;
    }
    if (status === 'no_show') {
      noShows++;
      if (rng.chance(index === 1 ? 0.35 : 0.25)) {
        ended = 'dropout';
        break;
      }
    }
    if (cancelledBy === 'client' && rng.chance(0.08)) {
      ended = 'dropout';
      break;
    }
    const event = cancelledAt || end;
    let desired =
      status === 'cancelled' || status === 'late_cancelled'
        ? start + rng.range(1, 5) * DAY_MS
        : start + c.cadenceDays * DAY_MS;
    if (c.advanceBooker && rng.chance(0.7) && status === 'completed') {
      booked = Math.max(firstBooked, desired - rng.range(10, 28) * DAY_MS);
    } else {
      booked = event + rng.range(0.1, 30) * HOUR_MS;
    }
    if (booked > desired - 6 * HOUR_MS) desired = booked + DAY_MS;
    requested = booked - waitHours(rng) * HOUR_MS;
    if (requested < c.createdAt) requested = c.createdAt;
    from = Math.max(desired - 12 * HOUR_MS, booked + 2 * HOUR_MS);
    const day = clock.localDay(desired);

    let next: SimTherapist | null = t;
    let switchReason = false;
    if (status === 'completed' && done <= 2 && rng.chance(0.01 + 0.3 * (1 - fit))) {
      next = null;
      switchReason = true;
    }
    slot = next ? calendar.findFree(t.index, from, desired + 9 * DAY_MS, booked) : -1;
    if (next && t.overloader && (slot < 0 || calendar.start(slot) > desired + 2 * DAY_MS)) {
      const blockEnd = calendar.blockEnd(t, day);
      if (blockEnd !== null && blockEnd > from && rng.chance(0.6)) {
        const key = t.index * 100_000 + (day % 100_000);
        const n = ctx.extras.get(key) ?? 0;
        if (n < 2) {
          ctx.extras.set(key, n + 1);
          slot = -1;
          extraStart = blockEnd + n * HOUR_MS;
          continue;
        }
      }
    }
    if (slot < 0) {
      const m = matcher.match('specialty', {
        need: c.need,
        language: c.language,
        neuro: c.neuro,
        from,
        bookingAt: booked,
        day,
        exclude: t.index,
      });
      if (!m) {
        ended = 'dropout';
        break;
      }
      if (switchReason) rematched = true;
      therapist = m.therapist;
      slot = m.slot;
    }
  }

  if (!therapist) ended = 'dropout';
  let discharged = 0;
  const last = completed.length ? completed[completed.length - 1]!.end : lastContact;
  if (ended === 'completed' && rng.chance(0.75)) discharged = last + rng.range(0, 14) * DAY_MS;
  if (ended === 'dropout' && rng.chance(0.5)) discharged = lastContact + rng.range(30, 90) * DAY_MS;
  if (discharged >= windowEnd) discharged = 0;
  if (ended === 'dropout' && therapist && rng.chance(0.25)) {
    // A last message nobody answers: the client has drifted away.
    const at = lastContact + rng.range(2, 20) * DAY_MS;
    if (at < windowEnd && (!discharged || at < discharged)) {
      late.push([
        'messages',
        {
          message_id: ctx.nextId('message'),
          conversation_id: conversation(therapist),
          sender: 'client',
          sent_at: fmt(at),
          client_id: c.id,
          therapist_id: therapist.id,
        },
      ]);
    }
  }
  if (!discharged && ended !== 'open') {
    for (let k = 1, t = lastContact + rng.range(20, 40) * DAY_MS; t < windowEnd; k++) {
      if (rng.chance(0.6 ** k)) activity(t, 'login');
      t += rng.range(20, 40) * DAY_MS;
    }
  }
  const rows: Out = [
    [
      'clients',
      {
        client_id: c.id,
        created_at: fmt(c.createdAt),
        acquisition_channel: c.channel,
        discharged_at: discharged ? fmt(discharged) : '',
      },
    ],
  ];
  for (const r of body) rows.push(r);
  for (const r of late) rows.push(r);
  clientSurveys(ctx, c, completed, ended === 'completed', rows);
  return {
    rows,
    trace: {
      client_id: c.id,
      match: kind,
      fit: first ? therapyFit(c, first.therapist) : 0,
      need: c.need,
      language: c.language,
      rematched,
      neuro: c.neuro,
      continuing: c.continuing,
      appointments: index,
    },
  };
}

function pay(
  ctx: JourneyContext,
  out: Out,
  c: SimClient,
  appointmentId: string,
  amount: string,
  paidAt: number,
  windowEnd: number,
  fmt: (ms: number) => string,
): void {
  if (paidAt >= windowEnd) return;
  out.push([
    'payments',
    {
      payment_id: ctx.nextId('payment'),
      client_id: c.id,
      amount,
      paid_at: fmt(paidAt),
      currency: c.currency,
      appointment_id: appointmentId,
    },
  ]);
}
