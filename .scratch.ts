import { entityColumns } from './src/ingest/entity-columns.js';
import { ENTITY_NAMES } from './src/model/entities.js';
for (const e of ENTITY_NAMES) console.log(e, JSON.stringify(entityColumns(e)));
