import { quoteValue } from '../../../shared/quote-value';

export type KeychainProblem =
  /** No keychain service answered (Linux: no D-Bus session or no Secret Service on it). */
  | 'unreachable'
  /** The keychain is there but locked, or the unlock prompt was dismissed. */
  | 'locked'
  /** keytar or the system library under it could not be loaded. */
  | 'missing-library'
  /** An item exists but is not in Switchyard's format. */
  | 'corrupt'
  /** Anything else the keychain reported. */
  | 'failed';

/**
 * The OS keychain could not be used. One line: what failed, the keychain's
 * own words (never a secret: keytar's messages carry none and ours add only
 * account names), and what to install or run. There is no plaintext fallback.
 */
export class KeychainError extends Error {
  override readonly name = 'KeychainError';

  constructor(
    message: string,
    readonly problem: KeychainProblem,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const UNREACHABLE =
  /d-?bus|org\.freedesktop\.secrets|could not connect|autolaunch|\.service files|ServiceUnknown|No such interface|message bus|machine-id/i;
const LOCKED = /locked|dismissed|cancell?ed|user interaction is not allowed/i;
const MISSING_LIBRARY =
  /libsecret|shared object|cannot find (module|package)|ERR_MODULE_NOT_FOUND|keytar\.node|NODE_MODULE_VERSION|different Node\.js version|invalid ELF/i;

/** The first line of the keychain's message, quoted safely for a one-line error. */
function detail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return quoteValue(message.split('\n')[0] ?? '', 200);
}

function unreachableFix(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'make sure you are logged in to a macOS user session with a login keychain';
    case 'win32':
      return 'make sure Windows Credential Manager is available to this user';
    default:
      return (
        'install and run GNOME Keyring or KWallet in a desktop session with D-Bus; on a server or in CI, ' +
        'run Switchyard inside "dbus-run-session" after "gnome-keyring-daemon --unlock --components=secrets"'
      );
  }
}

/**
 * Maps whatever keytar threw to a KeychainError. `action` says what was being
 * done, e.g. `read "keys/ci"`.
 */
export function keychainError(
  error: unknown,
  action: string,
  platform: NodeJS.Platform = process.platform,
): KeychainError {
  if (error instanceof KeychainError) return error;
  const said = detail(error);
  const text =
    error instanceof Error
      ? `${error.message} ${(error as { code?: unknown }).code ?? ''}`
      : String(error);
  const noPlaintext = 'Switchyard keeps keys only in the OS keychain, never in plain text';
  if (MISSING_LIBRARY.test(text)) {
    const fix =
      platform === 'linux'
        ? 'install libsecret (Debian/Ubuntu: libsecret-1-0; Fedora: libsecret) and reinstall Switchyard'
        : 'reinstall Switchyard';
    return new KeychainError(
      `cannot ${action}: the OS keychain module could not be loaded (${said}); ${fix}`,
      'missing-library',
      { cause: error },
    );
  }
  if (platform === 'linux' && UNREACHABLE.test(text)) {
    return new KeychainError(
      `cannot ${action}: no OS keychain is reachable (Secret Service over D-Bus: ${said}); ${unreachableFix(platform)}. ${noPlaintext}.`,
      'unreachable',
      { cause: error },
    );
  }
  if (LOCKED.test(text)) {
    const fix =
      platform === 'linux'
        ? 'unlock it (log in to the desktop session, or in CI start "gnome-keyring-daemon --unlock") and try again'
        : 'unlock it and try again';
    return new KeychainError(
      `cannot ${action}: the OS keychain is locked (${said}); ${fix}`,
      'locked',
      {
        cause: error,
      },
    );
  }
  return new KeychainError(`cannot ${action}: the OS keychain reported ${said}`, 'failed', {
    cause: error,
  });
}
