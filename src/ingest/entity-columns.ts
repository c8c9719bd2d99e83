import type { z } from 'zod';
import { entitySchema, type EntityName } from '../model/entities.js';

export interface EntityColumns {
  known: string[];
  required: string[];
}

const cache = new Map<EntityName, EntityColumns>();

type Shaped = { shape?: Record<string, z.ZodType>; in?: Shaped; def?: { in?: Shaped } };

const shapeOf = (s: Shaped): Record<string, z.ZodType> => {
  if (s.shape) return s.shape;
  const inner = s.in ?? s.def?.in;
  if (inner) return shapeOf(inner);
  throw new Error('entity schema has no object shape');
};

/**
 * The columns of an entity's CSV file, read off its zod schema: every field is known; a field
 * is required when an absent value fails it (no default).
 */
export function entityColumns(entity: EntityName): EntityColumns {
  let c = cache.get(entity);
  if (!c) {
    const shape = shapeOf(entitySchema(entity, 'UTC') as unknown as Shaped);
    const known = Object.keys(shape);
    const required = known.filter((k) => !shape[k]!.safeParse(undefined).success);
    c = { known, required };
    cache.set(entity, c);
  }
  return c;
}
