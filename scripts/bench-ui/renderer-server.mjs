/** The benchmark's renderer: built from the app's own Vite config, served on loopback. */
import { mkdtempSync, readFile } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { loadConfigFromFile } from 'electron-vite';
import { build } from 'vite';

/** The renderer built for production into a temp folder (the caller removes it). */
export async function buildRenderer(root) {
  const outDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  process.env.NODE_ENV = 'production';
  const { config } = await loadConfigFromFile(
    { command: 'build', mode: 'production' },
    join(root, 'electron.vite.config.ts'),
    root,
    'warn',
  );
  const renderer = config.renderer;
  await build({
    ...renderer,
    configFile: false,
    mode: 'production',
    base: './',
    logLevel: 'warn',
    build: { ...renderer.build, outDir, emptyOutDir: true },
  });
  return outDir;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves a folder on loopback, nothing outside it. */
export function serve(root) {
  const base = normalize(root + sep);
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base)) return void res.writeHead(403).end();
    readFile(file, (error, body) => {
      if (error) return void res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() }),
    ),
  );
}
