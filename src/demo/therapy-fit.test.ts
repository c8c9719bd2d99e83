import assert from 'node:assert/strict';
import { test } from 'node:test';
import { therapyFit } from './therapy-fit.js';

const talk = { need: 'anxiety', language: 'es', neuro: false };
const therapist = (p: Partial<Parameters<typeof therapyFit>[1]>) => ({
  specialties: ['anxiety', 'trauma'],
  languages: ['en', 'es'],
  neuro: false,
  ratingShift: 0.2,
  ...p,
});

test('specialty, shared language and care quality add up to the fit', () => {
  // 0.5 specialty + 0.2 language + 0.3 × (0.2 + 0.25) / 0.45 = 0.5 + 0.2 + 0.3 = 1
  assert.equal(therapyFit(talk, therapist({})), 1);
  // no specialty, shared language, lowest quality: 0 + 0.2 + 0.3 × 0 / 0.45 = 0.2
  const poor = therapyFit(talk, therapist({ specialties: ['couples'], ratingShift: -0.25 }));
  assert.equal(poor, 0.2);
  // specialist without the language, middle quality: 0.5 + 0 + 0.3 × 0.225 / 0.45 = 0.65
  const noSpanish = therapyFit(talk, therapist({ languages: ['en'], ratingShift: -0.025 }));
  assert.ok(Math.abs(noSpanish - 0.65) < 1e-9, String(noSpanish));
});

test('a neurofeedback client fits a neurofeedback therapist even outside the listed needs', () => {
  const client = { need: 'stress', language: 'en', neuro: true };
  const neuro = therapist({
    specialties: ['neurofeedback', 'adhd'],
    neuro: true,
    ratingShift: -0.25,
  });
  // 0.35 neurofeedback + 0.2 language + 0 quality = 0.55
  assert.ok(Math.abs(therapyFit(client, neuro) - 0.55) < 1e-9);
  // a talk therapist: 0.1 + 0.2 + 0 = 0.3
  const plain = therapist({ specialties: ['stress'], ratingShift: -0.25 });
  assert.ok(Math.abs(therapyFit(client, plain) - 0.3) < 1e-9);
});
