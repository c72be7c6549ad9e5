import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the popup's page comes from: the built file:// renderer, or the
 * electron-vite dev server (which sets ELECTRON_RENDERER_URL) in `npm run dev`.
 * The same value decides what the popup loads and which sender URLs IPC trusts.
 */
export type RendererLocation =
  | { readonly kind: 'file'; readonly url: string }
  | { readonly kind: 'dev-server'; readonly url: string; readonly origin: string };

export interface RendererLocationInput {
  /** The folder of the built main bundle (out/main). */
  readonly mainDir: string;
  readonly isPackaged: boolean;
  /** process.env.ELECTRON_RENDERER_URL; ignored in a packaged app. */
  readonly devServerUrl: string | undefined;
}

function loopbackHttpOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    return parsed.protocol === 'http:' && loopback ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

export function rendererLocation(input: RendererLocationInput): RendererLocation {
  // A packaged app never trusts an environment variable to say where its UI is.
  const origin =
    !input.isPackaged && input.devServerUrl ? loopbackHttpOrigin(input.devServerUrl) : undefined;
  if (origin && input.devServerUrl) {
    return { kind: 'dev-server', url: input.devServerUrl, origin };
  }
  return {
    kind: 'file',
    url: pathToFileURL(join(input.mainDir, '..', 'renderer', 'index.html')).href,
  };
}

/** True only for the popup's own page: the exact file, or the dev server's origin. */
export function isRendererUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (location.kind) {
    case 'file': {
      const expected = new URL(location.url);
      return (
        parsed.protocol === 'file:' &&
        parsed.host === expected.host &&
        parsed.pathname === expected.pathname
      );
    }
    case 'dev-server':
      return parsed.origin === location.origin;
    default: {
      const never: never = location;
      throw new Error(`unknown renderer location ${JSON.stringify(never)}`);
    }
  }
}
