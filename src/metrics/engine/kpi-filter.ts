/**
 * Row filters of a KPI computation: only the records of one service and/or one therapist.
 *
 * What a filter keeps mirrors what the same value's group holds under `by=service` /
 * `by=therapist`, so a filtered figure equals that group's figure:
 * - appointments (completion, cancellations, durations), ratings, bookings: the appointment's
 *   own service / therapist;
 * - slots (session utilization): the slot's service / therapist;
 * - availability (utilization's hours), therapist load, response times (the replying therapist,
 *   else the conversation's): by therapist only — not defined under a service filter;
 * - payments: the service / therapist of the appointment paid for; a payment naming no
 *   appointment, that of the client's last completed session before it was paid;
 * - surveys: the service / therapist of the client's last completed session before the answer;
 * - client sets (retention, acquisition, served, rematch, return): each client counts where
 *   the grouping would place it — S and E by the client's last completed session before the
 *   boundary, new clients by their first session, served by the sessions in the period;
 * - platform usage: not defined under any filter.
 */
export interface KpiFilter {
  service?: string;
  therapist?: string;
}

/** The filter of a request's optional `service` and `therapist`, or undefined with neither. */
export function kpiFilterOf(q: { service?: string; therapist?: string }): KpiFilter | undefined {
  if (q.service === undefined && q.therapist === undefined) return undefined;
  return {
    ...(q.service !== undefined ? { service: q.service } : {}),
    ...(q.therapist !== undefined ? { therapist: q.therapist } : {}),
  };
}

export type FilterDim = 'therapist' | 'service';

/** One condition of a filter: the dimension and the value it must have. */
export interface FilterTerm {
  dim: FilterDim;
  value: string;
}

/** The filter's conditions, therapist first; none for an empty or missing filter. */
export function filterTerms(filter: KpiFilter | undefined): FilterTerm[] {
  const out: FilterTerm[] = [];
  if (filter?.therapist !== undefined) out.push({ dim: 'therapist', value: filter.therapist });
  if (filter?.service !== undefined) out.push({ dim: 'service', value: filter.service });
  return out;
}
