import type { Migration } from 'kysely';
import * as initialSchema from './20261123-0001-initial-schema.js';
import * as kpiCoveringIndexes from './20261123-0002-kpi-covering-indexes.js';
import * as practiceSecrets from './20261123-0003-practice-secrets.js';
import * as rollups from './20261123-0004-rollups.js';
import * as peopleAndAccess from './20261202-0005-people-and-access.js';
import * as targets from './20261202-0006-targets.js';
import * as alerts from './20261202-0007-alerts.js';
import * as digests from './20261202-0008-digests.js';
import * as newClientBy from './20261202-0009-new-client-by.js';
import * as rollupMarks from './20261202-0010-rollup-marks.js';
import * as practiceKeys from './20261202-0011-practice-keys.js';
import * as reportClaims from './20261202-0012-report-claims.js';
import * as episodeRollups from './20261203-0013-episode-rollups.js';
import * as clientSetAttribution from './20261203-0014-client-set-attribution.js';
import * as presenceByUser from './20261203-0015-presence-by-user.js';

/** Every migration, by its timestamped name; applied in name order on open. */
export const MIGRATIONS: Record<string, Migration> = {
  '20261123-0001-initial-schema': initialSchema,
  '20261123-0002-kpi-covering-indexes': kpiCoveringIndexes,
  '20261123-0003-practice-secrets': practiceSecrets,
  '20261123-0004-rollups': rollups,
  '20261202-0005-people-and-access': peopleAndAccess,
  '20261202-0006-targets': targets,
  '20261202-0007-alerts': alerts,
  '20261202-0008-digests': digests,
  '20261202-0009-new-client-by': newClientBy,
  '20261202-0010-rollup-marks': rollupMarks,
  '20261202-0011-practice-keys': practiceKeys,
  '20261202-0012-report-claims': reportClaims,
  '20261203-0013-episode-rollups': episodeRollups,
  '20261203-0014-client-set-attribution': clientSetAttribution,
  '20261203-0015-presence-by-user': presenceByUser,
};
