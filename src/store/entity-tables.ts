import { columnOf } from '../ingest/to-table-row.js';
import { ENTITIES, type EntityName } from '../model/entities.js';

/** How an entity is stored: its table and the columns of its natural key within a practice. */
export interface EntityTable {
  table: EntityName;
  key: string[];
  /** The column holding the entity's own id (what references point at). */
  id: string;
}

export const entityTable = (entity: EntityName): EntityTable => {
  const key = (ENTITIES[entity].key as readonly string[]).map(columnOf);
  return { table: entity, key, id: key[0]! };
};
