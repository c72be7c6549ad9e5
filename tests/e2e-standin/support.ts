/** Small waits and reads shared by the stand-in end-to-end tests; every wait is bounded. */
import { describe, it } from 'vitest';

import { isCi, requireTool } from '../support/tools';
import { missingBuild } from './harness/build-standin';
import type { RunningApp } from './harness/launch-app';
import type { StandinEvent } from './standin/report';

/**
 * Why this machine cannot run the stand-in tests ('' when it can): Chromium
 * missing, or the app not built. Under CI=true a missing build is a failure.
 */
export function standinSkipReason(): string {
  const chromium = requireTool('chromium');
  if (!chromium.available) return chromium.skipReason;
  const missing = missingBuild();
  if (!missing) return '';
  if (isCi()) {
    describe('the built app', () => {
      it('is built before the tests under CI=true', () => {
        throw new Error(missing);
      });
    });
  }
  return `(skipped: ${missing})`;
}

export interface WindowState {
  readonly id: number;
  readonly visible: boolean;
  readonly focused: boolean;
  readonly bounds: { x: number; y: number; width: number; height: number };
  readonly url: string;
}

export interface StandinState {
  readonly tray: {
    readonly image: string;
    readonly imageExists: boolean;
    readonly tooltip: string;
    readonly menu: { label: string; type: string; enabled: boolean }[];
  } | null;
  readonly windows: WindowState[];
  readonly notifications: { id: number; title: string; body: string }[];
  readonly shortcuts: string[];
}

export function state(app: RunningApp): Promise<StandinState> {
  return app.command<StandinState>('state');
}

export async function popup(app: RunningApp): Promise<WindowState> {
  const [window] = (await state(app)).windows;
  if (!window) throw new Error('the app has no window');
  return window;
}

/** Polls `read` until `done` holds; throws with the last value after `timeoutMs`. */
export async function until<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Evaluates in the popup's page (main world), as a page script would. */
export function inPage<T>(app: RunningApp, expression: string): Promise<T> {
  return app.command<T>('page-evaluate', { expression });
}

/** The events of one kind, typed as the test knows that kind's fields. */
export function kinds<T = StandinEvent>(events: readonly StandinEvent[], kind: string): T[] {
  return events.filter((event) => event.kind === kind) as unknown as T[];
}

/** Waits until the popup's search box has the caret (the popup focuses it when shown). */
export async function searchFocused(app: RunningApp): Promise<void> {
  await until(
    () => inPage<string | null>(app, `document.activeElement?.getAttribute('aria-label') ?? null`),
    (label) => label === 'Search roles',
    'the caret in the search box',
  );
}
