import { type Json, obj, str } from './json-access.js';
import type { ResourceIndex } from './resource-index.js';
import type { LoadedResource } from './types.js';

/** What a Reference points at: a type and logical id, and the loaded resource when present. */
export interface Resolved {
  type: string | undefined;
  id: string | undefined;
  resource: LoadedResource | undefined;
  /** Why the reference could not be tied to a loaded resource, when it could not. */
  problem: string | undefined;
}

const TYPE_ID = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

const found = (resource: LoadedResource): Resolved => ({
  type: resource.type,
  id: resource.id,
  resource,
  problem: undefined,
});

function byIdentifier(
  index: ResourceIndex,
  type: string | undefined,
  system: string | undefined,
  value: string,
  text: string,
): Resolved {
  const hit = type ? index.identifier(type, system, value) : undefined;
  if (hit) return found(hit);
  return {
    type,
    id: value,
    resource: undefined,
    problem: `${text} matches no loaded ${type ?? 'resource'}; using the identifier value ${value} as id`,
  };
}

/**
 * Resolves a FHIR Reference in all its forms: relative `Patient/123`, absolute URLs ending in
 * Type/id, `urn:uuid:` fullUrls of a bundle, conditional `Type?identifier=system|value` (Synthea),
 * and logical `identifier` references. `expectedType` fills in the type when the reference
 * does not say it. Unloaded targets still yield type and id, with a `problem` to report.
 */
export function resolveReference(
  ref: unknown,
  index: ResourceIndex,
  expectedType?: string,
): Resolved | undefined {
  const r = obj(ref);
  if (!r) return undefined;
  const reference = str(r.reference);
  const declared = str(r.type) ?? expectedType;
  if (reference) {
    if (reference.startsWith('#')) {
      return {
        type: declared,
        id: undefined,
        resource: undefined,
        problem: `${reference} is a contained resource with no shared id`,
      };
    }
    const byUrl = index.fullUrl(reference);
    if (byUrl) return found(byUrl);
    if (reference.startsWith('urn:')) {
      return {
        type: declared,
        id: undefined,
        resource: undefined,
        problem: `${reference} is not a fullUrl in the bundle`,
      };
    }
    const q = reference.indexOf('?');
    if (q >= 0) {
      const type = reference.slice(0, q).split('/').pop() || declared;
      const params = new URLSearchParams(reference.slice(q + 1));
      const ident = params.get('identifier');
      if (!ident) {
        return {
          type,
          id: undefined,
          resource: undefined,
          problem: `${reference} is a conditional reference without identifier`,
        };
      }
      const bar = ident.indexOf('|');
      const system = bar >= 0 ? ident.slice(0, bar) : undefined;
      const value = bar >= 0 ? ident.slice(bar + 1) : ident;
      return byIdentifier(index, type, system, value, reference);
    }
    const m = TYPE_ID.exec(reference);
    if (!m) {
      return {
        type: declared,
        id: undefined,
        resource: undefined,
        problem: `${reference} is not a Type/id reference`,
      };
    }
    const [, type, id] = m as unknown as [string, string, string];
    const hit = index.get(type, id);
    if (hit) return found(hit);
    return { type, id, resource: undefined, problem: `${type}/${id} is not in the input` };
  }
  const ident = obj(r.identifier);
  const value = str(ident?.value);
  if (ident && value) {
    const system = str(ident.system);
    return byIdentifier(index, declared, system, value, `identifier ${system ?? ''}|${value}`);
  }
  return undefined;
}

/** The loaded resource's JSON, when the reference resolved to one. */
export const resolvedJson = (r: Resolved | undefined): Json | undefined => r?.resource?.resource;
