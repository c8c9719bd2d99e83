import { calcom } from './calcom.js';
import { calendly } from './calendly.js';
import type { MappingResult } from './mapping-file.js';
import { loadMappingFile, parseMapping } from './mapping-file.js';
import type { MappingInput } from './mapping.schema.js';
import { simplepractice } from './simplepractice.js';

export { mapExportFile } from './map-export-file.js';
export type { MapOptions, MappedRecord, MapResult } from './map-export-file.js';
export { loadMappingFile, parseMapping } from './mapping-file.js';
export type { Mapping, MappingInput } from './mapping.schema.js';
export { ZMapping } from './mapping.schema.js';
export { pseudonymousId } from './pseudonymous-id.js';

/** The built-in presets by id. */
export const PRESETS: Record<string, MappingInput> = { calendly, calcom, simplepractice };

/** A preset id (`calendly`) or the path of a JSON mapping file, validated. */
export function resolveMapping(presetOrPath: string): Promise<MappingResult> {
  const preset = PRESETS[presetOrPath];
  if (preset) return Promise.resolve(parseMapping(preset, `preset:${presetOrPath}`));
  return loadMappingFile(presetOrPath);
}
