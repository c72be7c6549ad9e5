import type { Snapshot } from '../../../shared/model';
import type { Clock } from '../refresh/clock';
import { SignInEnds } from './sign-in-ends';
import { SignInWatch } from './sign-in-watch';
import { TokenRenewal } from './token-renewal';
import { ssoCaBundle, ssoHomeDir } from './sso-environment';
import { SsoRoleSessions } from './sso-role-session';
import { SsoTokenKeeper } from './sso-token-keeper';

export interface SsoEngineDeps {
  readonly configPath: string;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
}

export interface SsoEngineParts {
  readonly roles: SsoRoleSessions;
  readonly keeper: SsoTokenKeeper;
  /** Per session, until when its token can be had without a sign-in (for the renewal views). */
  readonly signInEnds: SignInEnds;
}

/**
 * The engine's Identity Center parts, found where every other tool finds them:
 * tokens in `$HOME/.aws/sso/cache`, sessions in the config file, AWS_CA_BUNDLE
 * for TLS.
 */
export function openSsoParts(deps: SsoEngineDeps): SsoEngineParts {
  const ca = (): Promise<string | undefined> => ssoCaBundle(deps.env);
  const keeper = new SsoTokenKeeper({
    configPath: deps.configPath,
    homeDir: ssoHomeDir(deps.env),
    now: () => deps.clock.now(),
    ca,
  });
  const signInEnds = new SignInEnds();
  keeper.onToken((token) => signInEnds.saw(token.session, token.usableUntil));
  return { roles: new SsoRoleSessions(keeper, ca), keeper, signInEnds };
}

/**
 * The refresher's upkeep of Identity Center sessions: it follows each
 * snapshot, calls `signedIn` when a waiting session's token changes (a sign-in
 * made elsewhere), and renews the token of every session with active roles
 * inside its refresh window. Returns the function that stops it.
 */
export function startSsoUpkeep(
  parts: SsoEngineParts,
  clock: Clock,
  subscribe: (listener: (snapshot: Snapshot) => void) => () => void,
  signedIn: (session: string) => void,
): () => void {
  const watch = new SignInWatch({
    clock,
    stampOf: (session) => parts.keeper.tokenStamp(session),
    onSignedIn: signedIn,
  });
  let inUse = new Set<string>();
  const renewal = new TokenRenewal({
    clock,
    renew: async (session) => (await parts.keeper.token(session)).expiresAt,
    inUse: (session) => inUse.has(session),
  });
  const unseen = parts.keeper.onToken((token) => renewal.saw(token.session, token.expiresAt));
  const unsubscribe = subscribe((snapshot) => {
    watch.follow(snapshot.signInPrompts.map((prompt) => prompt.session));
    inUse = activeSessions(snapshot);
  });
  return () => {
    unsubscribe();
    unseen();
    watch.stop();
    renewal.stop();
  };
}

function activeSessions(snapshot: Snapshot): Set<string> {
  const sessions = new Set<string>();
  for (const view of snapshot.roles) {
    const { source } = view.role;
    if (source.kind === 'sso' && (view.state === 'active' || view.state === 'refreshing')) {
      sessions.add(source.session);
    }
  }
  return sessions;
}
