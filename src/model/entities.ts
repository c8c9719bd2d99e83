import type { z } from 'zod';
import { activitySchema } from './activity.js';
import { appointmentSchema } from './appointment.js';
import { availabilitySchema } from './availability.js';
import { clientSchema } from './client.js';
import { messageSchema } from './message.js';
import { paymentSchema } from './payment.js';
import { sessionRatingSchema } from './session-rating.js';
import { slotSchema } from './slot.js';
import { surveySchema } from './survey.js';
import { therapistSchema } from './therapist.js';

/**
 * The ten entities of the canonical format, in load order (referenced entities first). `key` is
 * the natural key within a practice; `refs` maps a field to the entity it must exist in;
 * `softRefs` are references that are checked but only warned about.
 */
export const ENTITIES = {
  therapists: { schema: therapistSchema, key: ['therapist_id'], refs: {}, softRefs: {} },
  clients: { schema: clientSchema, key: ['client_id'], refs: {}, softRefs: {} },
  availability: {
    schema: availabilitySchema,
    key: ['therapist_id', 'start'],
    refs: { therapist_id: 'therapists' },
    softRefs: {},
  },
  slots: {
    schema: slotSchema,
    key: ['slot_id'],
    refs: { therapist_id: 'therapists' },
    softRefs: {},
  },
  appointments: {
    schema: appointmentSchema,
    key: ['appointment_id'],
    refs: { client_id: 'clients', therapist_id: 'therapists', slot_id: 'slots' },
    softRefs: {},
  },
  session_ratings: {
    schema: sessionRatingSchema,
    key: ['appointment_id'],
    refs: { appointment_id: 'appointments' },
    softRefs: {},
  },
  surveys: {
    schema: surveySchema,
    key: ['response_id'],
    refs: { client_id: 'clients' },
    softRefs: {},
  },
  messages: {
    schema: messageSchema,
    key: ['message_id'],
    refs: { client_id: 'clients', therapist_id: 'therapists' },
    softRefs: {},
  },
  payments: {
    schema: paymentSchema,
    key: ['payment_id'],
    refs: { client_id: 'clients', appointment_id: 'appointments' },
    softRefs: {},
  },
  activity: {
    schema: activitySchema,
    key: ['user_type', 'user_id', 'occurred_at', 'kind'],
    refs: {},
    softRefs: { user_id: 'user_type' },
  },
} as const;

export type EntityName = keyof typeof ENTITIES;
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

export type EntityRecord<E extends EntityName> = z.output<
  ReturnType<(typeof ENTITIES)[E]['schema']>
>;

const cache = new Map<string, unknown>();

/** The schema of an entity for a practice time zone (instants without offset are read in it). */
export function entitySchema<E extends EntityName>(
  entity: E,
  timeZone: string,
): ReturnType<(typeof ENTITIES)[E]['schema']> {
  const k = `${entity}|${timeZone}`;
  let s = cache.get(k);
  if (!s) {
    s = ENTITIES[entity].schema(timeZone);
    cache.set(k, s);
  }
  return s as ReturnType<(typeof ENTITIES)[E]['schema']>;
}
