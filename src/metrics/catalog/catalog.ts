import { KPI_META, validateKpiMeta } from '../kpi-meta/index.js';
import { buildCatalog } from './build-catalog.js';
import type { Catalog } from './catalog.types.js';
import { KPI_COMPUTATIONS } from './kpi-computations.js';

let built: Catalog | undefined;

/** The validated KPI catalog (built once; throws AppError CONFIG listing every problem). */
export function getCatalog(): Catalog {
  built ??= buildCatalog(KPI_COMPUTATIONS, KPI_META, validateKpiMeta);
  return built;
}
