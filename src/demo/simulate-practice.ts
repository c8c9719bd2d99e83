import type { EntityName } from '../model/entities.js';
import { clientArrivals } from './client-arrivals.js';
import { simulateClient, type ClientTrace } from './client-journey.js';
import { drawClient } from './client-profile.js';
import { createRng } from './prng.js';
import { createRowBuffer, type AsyncRowSink } from './row-buffer.js';
import { resolvePlan, type SimulationOptions, type SimulationPlan } from './simulation-plan.js';
import { buildSlotCalendar } from './slot-calendar.js';
import { createMatcher } from './therapist-matcher.js';
import { buildRoster, type SimTherapist } from './therapist-roster.js';

export interface SimulateOptions extends SimulationOptions {
  /** Called once per client with how it was matched (for tests and calibration). */
  trace?: (t: ClientTrace) => void;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function therapistRow(t: SimTherapist, plan: SimulationPlan): Record<string, string> {
  const day = (d: number | null) => (d === null ? '' : plan.clock.format(plan.clock.toUtc(d, 0)));
  return {
    therapist_id: t.id,
    display_name: t.displayName,
    specialties: t.specialties.join(';'),
    languages: t.languages.join(';'),
    modalities: t.modalities.join(';'),
    max_sessions_per_day: String(t.maxPerDay),
    max_sessions_per_week: String(t.maxPerWeek),
    active_from: day(t.hiredDay),
    active_to: day(t.activeTo),
  };
}

/**
 * Simulates a practice and streams canonical rows to `sink`, referenced records first. The same
 * options give the same rows; nothing depends on the clock or Math.random.
 */
export async function simulatePractice(
  options: SimulateOptions,
  sink: AsyncRowSink,
): Promise<{ plan: SimulationPlan; counts: Partial<Record<EntityName, number>> }> {
  const plan = resolvePlan(options);
  const root = createRng(plan.seed);
  const { emit, flush, counts } = createRowBuffer(sink);
  const roster = buildRoster(plan, root.fork(1));
  for (const t of roster) emit('therapists', therapistRow(t, plan));
  await flush();
  const calendar = await buildSlotCalendar(plan, roster, root.fork(2), emit, flush);
  const matchRng = root.fork(3);
  const matcher = createMatcher(roster, calendar, matchRng);
  const ids = { appointment: 0, message: 0, survey: 0, payment: 0 };
  const prefix = { appointment: 'a-', message: 'm-', survey: 'sv-', payment: 'p-' };
  const ctx = {
    plan,
    rng: root.fork(4),
    outcomeRng: root.fork(7),
    calendar,
    matcher,
    extras: new Map<number, number>(),
    nextId: (k: keyof typeof ids) => prefix[k] + pad(++ids[k], 7),
  };
  const clientRng = root.fork(5);
  // Neurofeedback clients come more often and for longer: size their share to the neurofeedback
  // therapists' share of capacity.
  const share = roster.filter((t) => t.neuro).length / roster.length;
  const neuroShare = (0.9 * 6 * share) / (13 - 7 * share);
  let seq = 0;
  let made = 0;
  for (const a of clientArrivals(plan, root.fork(6), neuroShare, () => made)) {
    const client = drawClient(plan, clientRng, ++seq, a.at, a.continuing, neuroShare);
    const { rows, trace } = simulateClient(ctx, client);
    made += trace.appointments;
    for (const [e, r] of rows) emit(e, r);
    options.trace?.(trace);
    if (seq % 64 === 0) await flush();
  }
  await flush();
  return { plan, counts };
}
