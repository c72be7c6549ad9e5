/**
 * The one `app` of the process. Electron's appPath is the folder of the
 * package.json that names the main script; found here by walking up from it.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { StandinApp } from './app';
import { strict } from './report';

function findAppPath(mainScript: string): string {
  let dir = dirname(resolve(mainScript));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`electron stand-in: no package.json above ${mainScript}`);
    dir = parent;
  }
  return dir;
}

const instance = new StandinApp(findAppPath(process.argv[1] ?? process.cwd()));

/** The raw app (for the stand-in's own wiring) and the strict one the app gets. */
export const rawApp = instance;
export const app = strict('app', instance);
