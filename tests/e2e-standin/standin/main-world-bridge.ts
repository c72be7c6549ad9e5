/**
 * contextBridge's half in the page: `window[key]` in the main world of the top
 * frame, read-only, frozen, holding exactly the exposed verbs, each a proxy to
 * the preload's function in its own world (preload-world.ts). One hidden
 * Playwright binding carries calls, callbacks and releases; the page script
 * captures and deletes it before any page script runs, so the page never gets a
 * channel of its own. Subframes get nothing (nodeIntegrationInSubFrames: false).
 *
 * Functions cross as Electron's contextBridge passes them: a callback given to
 * a verb is called back in the page; a verb called with a callback returns
 * its unsubscribe function synchronously (checked on the preload side, loudly).
 */
export const BRIDGE_BINDING = '__switchyardStandinBridge';

export type BridgeMessage =
  | { readonly token: string; readonly kind: 'attach' }
  | {
      readonly token: string;
      readonly kind: 'call';
      readonly key: string;
      readonly verb: string;
      readonly args: unknown[];
      readonly callId: number;
    }
  | { readonly token: string; readonly kind: 'release'; readonly callId: number }
  | { readonly token: string; readonly kind: 'poll' };

export interface CallbackRef {
  readonly __standinCallback: number;
}

export function isCallbackRef(value: unknown): value is CallbackRef {
  return typeof value === 'object' && value !== null && '__standinCallback' in value;
}

/** The init script for the page: `exposed` maps each key to its verbs. */
export function mainWorldScript(exposed: Record<string, string[]>): string {
  return `(() => {
  const call = globalThis[${JSON.stringify(BRIDGE_BINDING)}];
  delete globalThis[${JSON.stringify(BRIDGE_BINDING)}];
  if (typeof call !== 'function' || window.top !== window) return;
  const exposed = ${JSON.stringify(exposed)};
  const token = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const callbacks = new Map();
  let nextId = 1;
  call({ token, kind: 'attach' });
  const pump = async () => {
    for (;;) {
      const batch = await call({ token, kind: 'poll' });
      if (batch === null) return;
      for (const item of batch) {
        try { callbacks.get(item.id)?.(...item.args); } catch (error) { setTimeout(() => { throw error; }); }
      }
    }
  };
  for (const [key, verbs] of Object.entries(exposed)) {
    const api = {};
    for (const verb of verbs) {
      api[verb] = (...args) => {
        const callId = nextId++;
        const own = [];
        const encoded = args.map((arg) => {
          if (typeof arg !== 'function') return arg;
          const id = nextId++;
          callbacks.set(id, arg);
          own.push(id);
          return { __standinCallback: id };
        });
        const result = call({ token, kind: 'call', key, verb, args: encoded, callId });
        if (own.length === 0) return result;
        result.catch(() => undefined);
        return () => {
          for (const id of own) callbacks.delete(id);
          call({ token, kind: 'release', callId });
        };
      };
    }
    Object.defineProperty(globalThis, key, { value: Object.freeze(api), enumerable: true });
  }
  void pump();
})();`;
}
