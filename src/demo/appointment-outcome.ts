import type { SimClient } from './client-profile.js';
import type { Rng } from './prng.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './zoned-clock.js';

export interface Outcome {
  status: 'completed' | 'no_show' | 'cancelled' | 'late_cancelled';
  /** Epoch ms, 0 when not cancelled. */
  cancelledAt: number;
  cancelledBy: '' | 'client' | 'therapist' | 'practice';
}

/**
 * What becomes of a session that has taken place by the window's end. Client cancellations grow
 * with lead time (booked far ahead → cancelled more) and with the client's unreliability;
 * no-shows grow with the client's earlier no-shows and at the first session. About a third of
 * client cancellations come within 24 h, of which some are labelled `late_cancelled` at source.
 */
export function drawOutcome(
  rng: Rng,
  c: SimClient,
  start: number,
  booked: number,
  index: number,
  noShows: number,
): Outcome {
  const leadDays = (start - booked) / DAY_MS;
  const u = rng.next();
  const pTherapist = 0.02;
  const pPractice = 0.007;
  const pClient = (0.055 + (0.05 * Math.min(leadDays, 28)) / 28) * c.unreliability;
  const pNoShow = Math.min(
    0.6,
    0.045 * c.unreliability * (1 + 0.8 * noShows) * (index === 0 ? 1.4 : 1),
  );
  const latest = start - 30 * MINUTE_MS;
  if (u < pTherapist + pPractice) {
    const at = Math.max(booked + MINUTE_MS, start - rng.range(2, 144) * HOUR_MS);
    return {
      status: 'cancelled',
      cancelledAt: Math.min(at, latest),
      cancelledBy: u < pTherapist ? 'therapist' : 'practice',
    };
  }
  if (u < pTherapist + pPractice + pClient) {
    const earlyRoom = start - 25 * HOUR_MS - booked;
    const at = Math.min(
      latest,
      earlyRoom > 0 && rng.chance(0.65)
        ? booked + rng.next() * earlyRoom
        : Math.max(booked + MINUTE_MS, start - rng.range(0.5, 23.5) * HOUR_MS),
    );
    const late = start - at < DAY_MS && rng.chance(0.45);
    return {
      status: late ? 'late_cancelled' : 'cancelled',
      cancelledAt: at,
      cancelledBy: 'client',
    };
  }
  const status = u < pTherapist + pPractice + pClient + pNoShow ? 'no_show' : 'completed';
  return { status, cancelledAt: 0, cancelledBy: '' };
}
