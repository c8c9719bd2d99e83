import { schemaText, type SchemaNode } from './schema-text.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: SchemaNode;
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: SchemaNode }> }
  >;
}

/** The parts of an OpenAPI 3 document the docs page shows. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, SchemaNode> };
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Inline `code` spans of a description, escaped. */
const prose = (s = ''): string => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

const anchor = (method: string, path: string) =>
  `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

function parametersHtml(params: Parameter[] = []): string {
  if (params.length === 0) return '<p class="muted">No parameters.</p>';
  const rows = params
    .map((p) => {
      const def =
        p.schema?.default === undefined
          ? ''
          : ` (default <code>${esc(JSON.stringify(p.schema.default))}</code>)`;
      const desc = p.description ?? p.schema?.description ?? '';
      return `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${
        p.required ? 'yes' : 'no'
      }</td><td><code>${esc(schemaText(p.schema))}</code></td><td>${prose(desc)}${def}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>name</th><th>in</th><th>required</th><th>type</th><th>description</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function responsesHtml(responses: Operation['responses'] = {}): string {
  return Object.entries(responses)
    .map(([status, r]) => {
      const schema = r.content?.['application/json']?.schema;
      const body = schema ? `<pre>${esc(schemaText(schema))}</pre>` : '';
      return `<h4>${esc(status)} <span class="muted">${prose(r.description)}</span></h4>${body}`;
    })
    .join('\n');
}

/** A self-contained HTML page (no scripts, no network) describing every route of `doc`. */
export function renderDocsPage(doc: OpenApiDocument, specPath: string): string {
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );
  const toc = ops
    .map(
      ({ path, method, op }) =>
        `<li><a href="#${anchor(method, path)}"><code>${method.toUpperCase()} ${esc(path)}</code></a> ${esc(op.summary ?? '')}</li>`,
    )
    .join('\n');
  const sections = ops
    .map(
      ({ path, method, op }) => `<section id="${anchor(method, path)}">
<h2><span class="method">${method.toUpperCase()}</span> <code>${esc(path)}</code></h2>
<p><strong>${esc(op.summary ?? '')}</strong> ${prose(op.description)}</p>
<h3>Parameters</h3>
${parametersHtml(op.parameters)}
<h3>Responses</h3>
${responsesHtml(op.responses)}
</section>`,
    )
    .join('\n');
  const components = Object.entries(doc.components?.schemas ?? {})
    .map(
      ([name, s]) =>
        `<h3 id="schema-${esc(name)}">${esc(name)}</h3><pre>${esc(schemaText(s))}</pre>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} ${esc(doc.info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2733}
code,pre{font:13px/1.4 ui-monospace,monospace}pre{background:#f4f6f8;padding:.75rem;overflow:auto;border-radius:4px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde3e8;padding:.3rem .5rem;text-align:left;vertical-align:top}
section{border-top:2px solid #dde3e8;margin-top:2rem}.method{background:#205493;color:#fff;padding:0 .4rem;border-radius:3px;font-size:.8em}
.muted{color:#5b6b7b;font-weight:normal}
</style>
</head>
<body>
<h1>${esc(doc.info.title)} <span class="muted">${esc(doc.info.version)}</span></h1>
<p>${prose(doc.info.description)}</p>
<p>Machine-readable document: <a href="${esc(specPath)}"><code>${esc(specPath)}</code></a></p>
<h2>Routes</h2>
<ul>
${toc}
</ul>
${sections}
${components ? `<section><h2>Schemas</h2>\n${components}</section>` : ''}
</body>
</html>
`;
}
