import type { Therapist } from '../api/api-types';

export const therapistName = (t: Pick<Therapist, 'therapist_id' | 'display_name'>) =>
  t.display_name?.trim() || t.therapist_id;

/** Therapists in alphabetical order of their name: the only order a person is ever listed in. */
export const alphabetical = (list: Therapist[]) =>
  [...list].sort((a, b) => therapistName(a).localeCompare(therapistName(b)));
