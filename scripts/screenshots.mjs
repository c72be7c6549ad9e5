#!/usr/bin/env node
// Regenerates docs/screenshots: builds the app, runs every test that takes a
// docs picture with SWITCHYARD_DOC_SCREENSHOTS=1, then fails if a picture in
// docs/screenshots was not refreshed (no test takes it any more: stale).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const docsDir = join(root, 'docs', 'screenshots');
// A docs picture is `screenshot(page, 'name', true)` in a UI test, or the
// stand-in app's pictures (tests/e2e-standin), which check the flag themselves.
const TAKES_DOC_PICTURE = /screenshot\([^)]*,\s*true\)|SWITCHYARD_DOC_SCREENSHOTS/;

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    console.error(`screenshots: ${command} ${args.join(' ')} failed; fix it and run again`);
    process.exit(result.status ?? 1);
  }
}

const started = Date.now();
const files = [join(root, 'tests', 'ui'), join(root, 'tests', 'e2e-standin')]
  .flatMap(testFiles)
  .filter((file) => TAKES_DOC_PICTURE.test(readFileSync(file, 'utf8')))
  .map((file) => relative(root, file));

// The stand-in runs the built main, preload and renderer: build them first.
run('npx', ['electron-vite', 'build']);
run('npx', ['vitest', 'run', ...files], { SWITCHYARD_DOC_SCREENSHOTS: '1' });

const pictures = readdirSync(docsDir).filter((name) => name.endsWith('.png'));
const stale = pictures.filter((name) => statSync(join(docsDir, name)).mtimeMs < started);
console.log(`screenshots: ${pictures.length - stale.length} refreshed in docs/screenshots`);
if (stale.length > 0) {
  console.error(
    `screenshots: not taken by any test any more: ${stale.join(', ')}; delete them or take them again`,
  );
  process.exit(1);
}
