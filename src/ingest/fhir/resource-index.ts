import { type Json, objs, str } from './json-access.js';
import type { LoadedResource } from './types.js';

/** Lookup of loaded resources by `Type/id`, by bundle fullUrl, by identifier and by canonical url. */
export class ResourceIndex {
  private readonly byKey = new Map<string, LoadedResource>();
  private readonly byFullUrl = new Map<string, LoadedResource>();
  private readonly byIdentifier = new Map<string, LoadedResource>();
  private readonly byCanonical = new Map<string, LoadedResource>();
  /** Resources in read order, duplicates (same Type/id) replaced by the last one read. */
  readonly all: LoadedResource[] = [];

  constructor(resources: LoadedResource[], onDuplicate: (r: LoadedResource) => void) {
    for (const r of resources) {
      const key = r.id ? `${r.type}/${r.id}` : undefined;
      const prev = key ? this.byKey.get(key) : undefined;
      if (key && prev) {
        onDuplicate(r);
        this.all[this.all.indexOf(prev)] = r;
      } else this.all.push(r);
      if (key) this.byKey.set(key, r);
      if (r.fullUrl) this.byFullUrl.set(r.fullUrl, r);
      for (const i of objs(r.resource.identifier)) {
        const value = str(i.value);
        if (!value) continue;
        this.byIdentifier.set(`${r.type}|${str(i.system) ?? ''}|${value}`, r);
        this.byIdentifier.set(`${r.type}||${value}`, r);
      }
      const url = str(r.resource.url);
      if (url) this.byCanonical.set(url, r);
    }
  }

  get(type: string, id: string): LoadedResource | undefined {
    return this.byKey.get(`${type}/${id}`);
  }

  fullUrl(url: string): LoadedResource | undefined {
    return this.byFullUrl.get(url);
  }

  identifier(type: string, system: string | undefined, value: string): LoadedResource | undefined {
    return this.byIdentifier.get(`${type}|${system ?? ''}|${value}`);
  }

  /** A canonical resource (Questionnaire, ValueSet, CodeSystem) by url, `|version` ignored. */
  canonical(url: string): LoadedResource | undefined {
    return this.byCanonical.get(url.split('|')[0]!);
  }

  ofType(type: string): LoadedResource[] {
    return this.all.filter((r) => r.type === type);
  }
}

/** The resource's own `contained` resource with the given local id (`#id`). */
export const containedById = (resource: Json, local: string): Json | undefined =>
  objs(resource.contained).find((c) => c.id === local);
