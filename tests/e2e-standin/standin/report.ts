/**
 * How the stand-in `electron` talks to the test that launched it: every call the
 * app makes that a test may assert on is reported as an event over the Node IPC
 * channel of the forked main process, and anything the app reaches for that the
 * stand-in does not implement throws (and is reported), never passes silently.
 */
export interface StandinEvent {
  readonly kind: string;
  readonly [key: string]: unknown;
}

let pending = 0;
const drained: (() => void)[] = [];

export function report(event: StandinEvent): void {
  if (!process.send || !process.connected) return;
  pending += 1;
  // Every event carries when it happened (epoch ms), for the launch benchmark.
  process.send({ type: 'event', event: { at: Date.now(), ...event } }, () => {
    pending -= 1;
    if (pending === 0) drained.splice(0).forEach((resolve) => resolve());
  });
}

/** Resolves once every event reported so far has been handed to the channel (before exit). */
export function flushReports(): Promise<void> {
  return pending === 0 ? Promise.resolve() : new Promise((resolve) => drained.push(resolve));
}

/** Properties every object answers without being "used": promise checks, inspection, JSON. */
const PASS_THROUGH = new Set<string | symbol>(['then', 'toJSON', 'constructor']);

/**
 * `target` behind a Proxy that throws on any property it lacks: the app asked
 * for an Electron API this stand-in does not have, and the test must say so.
 */
export function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (property in object || typeof property === 'symbol' || PASS_THROUGH.has(property)) {
        return Reflect.get(object, property, receiver) as unknown;
      }
      const what = `${name}.${property}`;
      report({ kind: 'unimplemented', what });
      throw new Error(`electron stand-in: ${what} is not implemented`);
    },
  });
}
