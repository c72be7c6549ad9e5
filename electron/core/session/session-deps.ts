import type { AuditSink } from '../audit/role-event';
import type { ActivityEntry } from '../../../shared/activity';
import type { CredentialsFile } from '../credentials/credentials-file';
import type { Clock } from '../refresh/clock';
import type { StateFile } from '../refresh/state-file';
import type { SecretStore } from '../secrets/secret-store';
import type { StsGatewayOptions } from '../sts/sts-gateway';
import type { RefresherHolderInfo } from './code-sealing';
import type { EngineCatalog } from './last-good-catalog';
import type { StsGatewayLike } from './sts-gateway-like';

/**
 * - refresher: owns the timers and performs every STS call and file write (the
 *   tray app or `switchyard daemon` holding the refresher lock);
 * - passive: another process is the refresher; actions become requests in the
 *   shared state file, and the view follows that file;
 * - oneshot: a CLI command with no refresher running: acts directly, no timers.
 */
export type ManagerMode = 'refresher' | 'passive' | 'oneshot';

export interface SessionManagerDeps {
  readonly mode: ManagerMode;
  readonly catalog: EngineCatalog;
  readonly credentials: CredentialsFile;
  readonly credentialsPath: string;
  readonly configPath: string;
  readonly secrets: SecretStore;
  readonly stateFile: StateFile;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
  readonly createGateway: (options: StsGatewayOptions) => StsGatewayLike;
  /** Who refreshes when this one is passive, for the view. */
  readonly heldBy?: string;
  /** The process holding the refresher lock when this one is passive (its pid and start, for MFA codes). */
  readonly refresherHolder?: RefresherHolderInfo;
  /** STS calls in flight at once during a round. */
  readonly concurrency?: number;
  readonly seed?: number;
  /** Longest sleep between plans, so a host with no resume event still notices missed refreshes. */
  readonly maxSleepMs?: number;
  readonly requestTimeoutMs?: number;
  /** The overall time one role may take in a round (source and AssumeRole). */
  readonly roleDeadlineMs?: number;
  /** Who is asking, in requests left for the refresher. */
  readonly requester?: 'app' | 'daemon' | 'cli';
  /** Where audit lines go (every credential issued or used); nowhere when absent. */
  readonly audit?: AuditSink;
  /** The trail's last day, newest first, for the tray's Activity view. */
  readonly readActivity?: () => Promise<readonly ActivityEntry[]>;
  /** Refresher mode: serve the local credential endpoint (the app and the daemon do). */
  readonly serveEndpoint?: boolean;
  /** Runs at the end of stop(): the factory releases locks and watchers here. */
  readonly onStop?: () => Promise<void> | void;
}
