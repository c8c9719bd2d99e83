/** What the fit between a client and a therapist is judged on. */
export interface FitClient {
  need: string;
  language: string;
  neuro: boolean;
}

export interface FitTherapist {
  specialties: readonly string[];
  languages: readonly string[];
  neuro: boolean;
  /** Care-quality shift of the therapist's session ratings, about -0.25 … 0.2. */
  ratingShift: number;
}

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/**
 * How well a therapist fits a client, from 0 (poor) to 1 (excellent); no randomness. Half of it
 * is the therapist's specialty in the client's need (a neurofeedback client with a neurofeedback
 * therapist gets most of it even outside their listed needs), a fifth is a shared language, and
 * the rest the therapist's own care quality. The simulator lets it drive early rematches,
 * early dropouts and how much clients improve, so that these move together in the demo.
 */
export function therapyFit(client: FitClient, therapist: FitTherapist): number {
  const specialist = therapist.specialties.includes(client.need);
  const specialty = client.neuro
    ? therapist.neuro
      ? specialist
        ? 0.5
        : 0.35
      : 0.1
    : specialist
      ? 0.5
      : 0;
  const language = therapist.languages.includes(client.language) ? 0.2 : 0;
  const quality = 0.3 * clamp01((therapist.ratingShift + 0.25) / 0.45);
  return clamp01(specialty + language + quality);
}
