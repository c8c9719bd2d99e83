import { ENTITIES, ENTITY_NAMES, type EntityName } from '../../model/entities.js';
import type { MapContext } from './map-context.js';

/**
 * Warns about records whose references name no mapped record (a Patient or Practitioner not in
 * the input, or skipped): the store would reject them. Once per record and field.
 */
export function checkReferences(ctx: MapContext): void {
  for (const entity of ENTITY_NAMES) {
    const refs = ENTITIES[entity].refs as Record<string, EntityName>;
    for (const { record, path } of ctx.records.get(entity)!.values()) {
      for (const [field, target] of Object.entries(refs)) {
        const id = record[field];
        if (typeof id !== 'string' || ctx.records.get(target)!.has(id)) continue;
        ctx.note(
          'warning',
          'unknown_reference',
          `${field} ${id} is not among the ${target} read`,
          `${path}.${field}`,
        );
      }
    }
  }
}
