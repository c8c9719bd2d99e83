import type { EntityName } from '../model/entities.js';

/** What importing one file did. */
export interface FileCounts {
  file: string;
  entity: EntityName;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
}

export const emptyCounts = (file: string, entity: EntityName): FileCounts => ({
  file,
  entity,
  read: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  warnings: 0,
});
