/** The page served in place of the web app when `web/dist` has not been built. */
export const notBuiltPage = (webRoot: string): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Rapport: the web app is not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d2733}code{background:#f4f6f8;padding:0 .3rem}</style>
</head>
<body>
<h1>The web app is not built: run <code>npm run build</code></h1>
<p>Rapport's server is running, but there is no built dashboard in
<code>${webRoot.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)}</code>.
Run <code>npm run build</code> in the project folder, then reload this page.</p>
<p>The HTTP API works meanwhile: see <a href="/api/docs">/api/docs</a>.</p>
</body>
</html>
`;
