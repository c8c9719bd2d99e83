import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Issue, issue } from '../../model/issue.js';
import { type Json, obj, objs, str } from './json-access.js';
import type { LoadedResource } from './types.js';

const isNdjson = (file: string) => ['.ndjson', '.jsonl'].includes(extname(file).toLowerCase());
const isJson = (file: string) => extname(file).toLowerCase() === '.json';

/** The text without a leading UTF-8 byte order mark (as the CSV reader accepts one). */
const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The files an input names: itself, or every .json/.ndjson under a folder (sorted, recursive). */
async function expand(input: string, issues: Issue[]): Promise<string[]> {
  try {
    const s = await stat(input);
    if (!s.isDirectory()) return [input];
    const out: string[] = [];
    const entries = await readdir(input, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(input, e.name);
      if (e.isDirectory()) out.push(...(await expand(p, issues)));
      else if (isJson(e.name) || isNdjson(e.name)) out.push(p);
    }
    return out;
  } catch (e) {
    issues.push(issue('error', 'malformed_json', `cannot read: ${(e as Error).message}`, input));
    return [];
  }
}

/** The last `Type/id` or `urn:uuid:` segment of a fullUrl, as a logical id. */
export function idFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const urn = /^urn:(?:uuid|oid):(.+)$/.exec(url);
  if (urn) return urn[1];
  return /\/[A-Z][A-Za-z]+\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(url)?.[1];
}

/** Flattens a resource (and the entries of a Bundle, recursively) into loaded resources. */
function unwrap(
  resource: Json,
  place: (label: string) => string,
  fullUrl: string | undefined,
  out: LoadedResource[],
): void {
  const type = str(resource.resourceType) ?? '';
  const id = str(resource.id) ?? idFromUrl(fullUrl);
  const here = place(`${type}/${id ?? '?'}`);
  out.push({ resource, type, id, fullUrl, path: here });
  if (type !== 'Bundle') return;
  objs(resource.entry).forEach((entry, i) => {
    const r = obj(entry.resource);
    if (!r || !str(r.resourceType)) return; // transaction-response / DELETE / GET entries
    unwrap(r, (label) => `${here}.entry[${i}].resource(${label})`, str(entry.fullUrl), out);
  });
}

function accept(value: unknown, at: string, out: LoadedResource[], notes: string[]): void {
  const r = obj(value);
  if (!r || !str(r.resourceType)) {
    notes.push(at);
    return;
  }
  unwrap(r, (label) => `${at}:${label}`, undefined, out);
}

/**
 * Reads every input (JSON resource or Bundle, NDJSON, or a folder of them) into a flat list of
 * resources. Malformed JSON is an error issue naming the file (and line); the rest still reads.
 */
export async function readSources(
  inputs: string[],
): Promise<{ resources: LoadedResource[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const resources: LoadedResource[] = [];
  for (const input of inputs) {
    for (const file of await expand(input, issues)) {
      const name = basename(file);
      const notes: string[] = [];
      if (isNdjson(file)) {
        const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
        let n = 0;
        for await (const line of lines) {
          n++;
          const text = withoutBom(line); // the file's start, or files joined with `cat`
          if (text.trim() === '') continue;
          try {
            accept(JSON.parse(text), `${name}:${n}`, resources, notes);
          } catch (e) {
            const msg = `malformed JSON: ${(e as Error).message}; line skipped`;
            issues.push(issue('error', 'malformed_json', msg, `${name}:${n}`));
          }
        }
      } else {
        try {
          accept(JSON.parse(withoutBom(await readFile(file, 'utf8'))), name, resources, notes);
        } catch (e) {
          const msg = `malformed JSON: ${(e as Error).message}; file skipped`;
          issues.push(issue('error', 'malformed_json', msg, name));
        }
      }
      if (notes.length > 0) {
        const what =
          notes.length === 1
            ? 'is not a FHIR resource'
            : `${notes.length} lines are not FHIR resources`;
        issues.push(
          issue('info', 'not_a_resource', `${what} (no resourceType); ignored`, notes[0]!),
        );
      }
    }
  }
  return { resources, issues };
}
