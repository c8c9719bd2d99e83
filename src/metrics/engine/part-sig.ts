import type { CatalogEntry } from '../catalog/catalog.types.js';

/** The signature a part is read and deduplicated under. */
export const partSig = (def: CatalogEntry['compute']['parts'][string]): string =>
  'special' in def ? `${def.special}.${def.output}` : JSON.stringify(def);
