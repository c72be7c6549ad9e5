import type { Snapshot } from '../../../shared/model';
import type { Clock } from '../refresh/clock';
import { SignInWatch } from './sign-in-watch';
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
  return { roles: new SsoRoleSessions(keeper, ca), keeper };
}

/**
 * The refresher's watch for sign-ins done elsewhere: follows each snapshot's
 * sign-in prompts and calls `signedIn` when a waiting session's token changes.
 * Returns the function that stops it.
 */
export function watchSignIns(
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
  const unsubscribe = subscribe((snapshot) =>
    watch.follow(snapshot.signInPrompts.map((prompt) => prompt.session)),
  );
  return () => {
    unsubscribe();
    watch.stop();
  };
}
