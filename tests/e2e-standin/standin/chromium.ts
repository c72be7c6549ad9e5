/**
 * The one Chromium behind every stand-in BrowserWindow: Debian's, through
 * playwright-core (never a downloaded one), started on the first window as
 * Electron's renderer processes are. File pages may load the module scripts
 * beside them, as Electron's file: scheme allows and a plain browser does not.
 */
import { readdirSync, readFileSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

import { report } from './report';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--allow-file-access-from-files',
];
const LAUNCH_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 5_000;

let browser: Promise<Browser> | undefined;

/** Our direct children (Chromium's browser process), so the test can check none outlives us. */
function childPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

export function sharedBrowser(): Promise<Browser> {
  browser ??= chromium
    .launch({
      executablePath: process.env.STANDIN_CHROMIUM ?? '/usr/bin/chromium',
      args: ARGS,
      timeout: LAUNCH_TIMEOUT_MS,
    })
    .then((launched) => {
      report({ kind: 'chromium', pids: childPids() });
      return launched;
    });
  return browser;
}

/** Closes Chromium if it was started; bounded, so a hung browser never keeps the app alive. */
export async function closeBrowser(): Promise<void> {
  if (!browser) return;
  const started = browser;
  browser = undefined;
  await Promise.race([
    started.then((b) => b.close()).catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref()),
  ]);
}
