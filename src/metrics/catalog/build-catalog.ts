import { AppError } from '../../model/app-error.js';
import type { KpiId, KpiMeta } from '../kpi-meta/kpi-meta.types.js';
import type { Catalog, KpiCompute } from './catalog.types.js';
import { validateCatalog } from './validate-catalog.js';

/**
 * Merges the descriptive half (KPI_META) with the computing half by id, after validating both
 * together (and the metadata itself, when a validator is given). Every problem is collected with
 * its path; any problem fails once with AppError CONFIG listing them all.
 */
export function buildCatalog(
  computations: readonly KpiCompute[],
  meta: Record<KpiId, KpiMeta>,
  validateMeta?: (meta: Record<string, KpiMeta>) => string[],
): Catalog {
  const problems = [...(validateMeta?.(meta) ?? []), ...validateCatalog(computations, meta)];
  if (problems.length > 0) {
    throw new AppError(
      'CONFIG',
      `the KPI catalog is invalid (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n  ${problems.join('\n  ')}`,
      { problems },
    );
  }
  const catalog = {} as Catalog;
  for (const compute of computations) catalog[compute.id] = { ...meta[compute.id], compute };
  return catalog;
}
