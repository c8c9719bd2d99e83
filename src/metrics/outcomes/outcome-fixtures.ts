import type { Db } from '../../store/database.js';
import { appointment, insert, survey } from '../test-records.js';

/** Test fixtures of the outcome KPIs (outcomes.int.test.ts, episode-rollups.int.test.ts). */
export const at = (d: string) => `${d}T10:00:00Z`;

export const sessions = (cid: string, therapist: string, days: string[]) =>
  days.map((d) => appointment({ start: at(d), client_id: cid, therapist_id: therapist }));
export const phq = (cid: string, d: string, score: number) => survey(cid, at(d), score, 27, 'phq9');
export const gad = (cid: string, d: string, score: number) => survey(cid, at(d), score, 21, 'gad7');

/**
 * Eleven clients in Q1 2026 (UTC, active window 90 days), each one edge of kpi-spec "Outcomes":
 * A  t1 Jan 5–26: PHQ-9 15 → 8 (−7, reliable), GAD-7 9 → 11 (+2, not reliable): improved, at
 *    caseness, not recovered (GAD-7 11 ≥ 8), PHQ-9 response no (8 > 15 / 2).
 * B  t1 Feb 2, 9: PHQ-9 6 → 4, GAD-7 12 → 5 (−7): caseness on GAD-7 only; improved, recovered.
 * C  t2 Mar 2–16: PHQ-9 20 on Feb 20 (10 days before the first session: counts) → 10 on Mar 16:
 *    improved (−10), exactly half = response, not recovered (10 ≥ 10), not remission.
 * D  t2 Mar 3, 10: PHQ-9 22 on Feb 11 (20 days before: does not count), 12 on Mar 10: one score.
 * E  t1 Jan 6, 13: one PHQ-9 score: no outcome, but eligible for coverage.
 * F  t1 Jan 7–21: PHQ-9 12 → 5: improved (−7), recovered, response, NOT remission (5 is not < 5).
 * G  t2 Jan 8, 15: PHQ-9 10 → 4: improved (−6), recovered, response, remission.
 * H  t2 Feb 3, 10: GAD-7 5 → 9 (+4): deteriorated, not at caseness.
 * I  t1 2025-09-01, 09-08 then 2026-01-12, 19 (126 days apart > 90: two episodes): PHQ-9 18 on
 *    2025-09-01 and 7 on 2026-01-19, one score in each episode: no outcome; the January episode
 *    is eligible.
 * J  t1 Feb 16, 23: no scores: eligible, no_scores.
 * K  t1 Mar 20 only, PHQ-9 15 → 5: one completed session: no outcome, not eligible.
 * L  t1 Feb 4, 11: PHQ-9 11 → 11: at caseness, unchanged.
 */
export async function elevenClients(db: Db) {
  await insert(db, 'appointments', [
    ...sessions('A', 't1', ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']),
    ...sessions('B', 't1', ['2026-02-02', '2026-02-09']),
    ...sessions('C', 't2', ['2026-03-02', '2026-03-09', '2026-03-16']),
    ...sessions('D', 't2', ['2026-03-03', '2026-03-10']),
    ...sessions('E', 't1', ['2026-01-06', '2026-01-13']),
    ...sessions('F', 't1', ['2026-01-07', '2026-01-14', '2026-01-21']),
    ...sessions('G', 't2', ['2026-01-08', '2026-01-15']),
    ...sessions('H', 't2', ['2026-02-03', '2026-02-10']),
    ...sessions('I', 't1', ['2025-09-01', '2025-09-08', '2026-01-12', '2026-01-19']),
    ...sessions('J', 't1', ['2026-02-16', '2026-02-23']),
    ...sessions('K', 't1', ['2026-03-20']),
    ...sessions('L', 't1', ['2026-02-04', '2026-02-11']),
  ]);
  await insert(db, 'surveys', [
    phq('A', '2026-01-05', 15),
    phq('A', '2026-01-26', 8),
    gad('A', '2026-01-05', 9),
    gad('A', '2026-01-26', 11),
    phq('B', '2026-02-02', 6),
    phq('B', '2026-02-09', 4),
    gad('B', '2026-02-02', 12),
    gad('B', '2026-02-09', 5),
    phq('C', '2026-02-20', 20),
    phq('C', '2026-03-16', 10),
    phq('D', '2026-02-11', 22),
    phq('D', '2026-03-10', 12),
    phq('E', '2026-01-06', 14),
    phq('F', '2026-01-07', 12),
    phq('F', '2026-01-21', 5),
    phq('G', '2026-01-08', 10),
    phq('G', '2026-01-15', 4),
    gad('H', '2026-02-03', 5),
    gad('H', '2026-02-10', 9),
    phq('I', '2025-09-01', 18),
    phq('I', '2026-01-19', 7),
    phq('K', '2026-03-20', 15),
    phq('K', '2026-03-25', 5),
    phq('L', '2026-02-04', 11),
    phq('L', '2026-02-11', 11),
    // a csat answer is not an outcome score
    survey('J', at('2026-02-23'), 5),
  ]);
}
