/** A JSON schema node as found in an OpenAPI 3.0 document (only what the docs page reads). */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  default?: unknown;
}

const pad = (depth: number) => '  '.repeat(depth);

/**
 * A schema as short TypeScript-like text for people: `{ first: string | null }`,
 * `"a" | "b"`, `Thing[]`. `$ref`s print their component name.
 */
export function schemaText(node: SchemaNode | undefined, depth = 0): string {
  if (!node) return 'unknown';
  const base = baseText(node, depth);
  return node.nullable && !node.enum?.includes(null) ? `${base} | null` : base;
}

function baseText(node: SchemaNode, depth: number): string {
  if (node.$ref) return node.$ref.split('/').pop() ?? node.$ref;
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = node.anyOf ?? node.oneOf;
  if (union) return union.map((s) => schemaText(s, depth)).join(' | ');
  if (node.allOf) return node.allOf.map((s) => schemaText(s, depth)).join(' & ');
  if (node.type === 'array') {
    const item = schemaText(node.items, depth);
    return /[ |&]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
  }
  if (node.type === 'object' || node.properties) return objectText(node, depth);
  if (node.type === 'integer') return 'integer';
  if (node.type) return node.format ? `${node.type} (${node.format})` : node.type;
  return 'any';
}

function objectText(node: SchemaNode, depth: number): string {
  const required = new Set(node.required ?? []);
  const lines = Object.entries(node.properties ?? {}).map(([name, prop]) => {
    const note = prop.description ? `  // ${prop.description.replace(/\s+/g, ' ')}` : '';
    const opt = required.has(name) ? '' : '?';
    return `${pad(depth + 1)}${name}${opt}: ${schemaText(prop, depth + 1)}${note}`;
  });
  const extra = node.additionalProperties;
  if (extra && typeof extra === 'object') {
    lines.push(`${pad(depth + 1)}[key: string]: ${schemaText(extra, depth + 1)}`);
  } else if (extra === true || (lines.length === 0 && extra === undefined)) {
    lines.push(`${pad(depth + 1)}[key: string]: any`);
  }
  return `{\n${lines.join('\n')}\n${pad(depth)}}`;
}
