/**
 * How the records of each catalog source are shown when listed behind a figure: their natural
 * key and pseudonymous ids as stored, the fields that decide membership, their instants (shown
 * as local times of the practice zone) and a total order (time, then key) for stable pages.
 * Only presentation: which records count is the catalog's parts (list-kpi-records.ts).
 */
export interface RecordView {
  fields: Record<string, string>;
  times: Record<string, string>;
  order: string[];
}

const APPOINTMENT_FIELDS = {
  appointment_id: 'a.appointment_id',
  client_id: 'a.client_id',
  therapist_id: 'a.therapist_id',
  service: 'a.service',
  status: 'a.status',
  cancelled_by: 'a.cancelled_by',
};

export const RECORD_VIEWS: Record<string, RecordView> = {
  appointments: {
    fields: APPOINTMENT_FIELDS,
    times: { scheduled_start: 'a.scheduled_start', cancelled_at: 'a.cancelled_at' },
    order: ['a.scheduled_start', 'a.appointment_id'],
  },
  bookings: {
    fields: APPOINTMENT_FIELDS,
    times: {
      requested_at: 'a.requested_at',
      booked_at: 'a.booked_at',
      scheduled_start: 'a.scheduled_start',
    },
    order: ['a.booked_at', 'a.appointment_id'],
  },
  availability: {
    fields: { therapist_id: 'v.therapist_id' },
    times: { start_at: 'v.start_at', end_at: 'v.end_at' },
    order: ['v.start_at', 'v.therapist_id'],
  },
  slots: {
    fields: { slot_id: 's.slot_id', therapist_id: 's.therapist_id', service: 's.service' },
    times: { start_at: 's.start_at' },
    order: ['s.start_at', 's.slot_id'],
  },
  ratings: {
    fields: { ...APPOINTMENT_FIELDS, rating: 'r.rating' },
    times: { scheduled_start: 'a.scheduled_start' },
    order: ['a.scheduled_start', 'r.appointment_id'],
  },
  surveys: {
    fields: {
      response_id: 'q.response_id',
      client_id: 'q.client_id',
      instrument: 'q.instrument',
      score: 'q.score',
      scale_max: 'q.scale_max',
    },
    times: { responded_at: 'q.responded_at' },
    order: ['q.responded_at', 'q.response_id'],
  },
  payments: {
    fields: {
      payment_id: 'p.payment_id',
      client_id: 'p.client_id',
      appointment_id: 'p.appointment_id',
      amount_minor: 'p.amount_minor',
      currency: 'p.currency',
    },
    times: { paid_at: 'p.paid_at' },
    order: ['p.paid_at', 'p.payment_id'],
  },
};
