import type { Clock } from '../refresh/clock';
import type { StateFile } from '../refresh/state-file';
import { isCorruptStateFile } from '../refresh/state-file-error';
import type { SwitchyardState } from '../refresh/state-model';
import { watchStateFile, type StateWatcher } from '../refresh/state-watcher';
import type { SessionManager } from './session-manager';

export interface FollowStateOptions {
  readonly stateFile: StateFile;
  readonly clock: Clock;
  readonly manager: SessionManager;
  /** Keep the process alive while watching. */
  readonly persistent?: boolean;
}

/**
 * The refresher's watch on state.json: it answers the requests other processes
 * leave there, and rebuilds the file when it was damaged (it is set aside on
 * the next locked read) or lost the refresher's records (another process set
 * it aside). Nothing a callback here meets can end the process: every fault
 * goes to the engine's one error path.
 */
export function followAsRefresher(options: FollowStateOptions): Promise<StateWatcher> {
  const { stateFile, clock, manager } = options;
  const answer = (): void => {
    manager
      .processRequests()
      .catch((error: unknown) => manager.reportError('answering requests', error));
  };
  return watchStateFile({
    file: stateFile,
    clock,
    onChange: (next, change) => {
      manager.adoptState(next); // puts the MFA code key back if the file lost it
      if (lostRecords(manager, next)) manager.stateSetAside();
      if (change.newRequests.length > 0) answer();
    },
    onError: (error) => {
      try {
        // The locked read-modify-write of answering sets a damaged file aside (and rebuilds it).
        if (isCorruptStateFile(error)) answer();
        else manager.reportError('watching the state file', error);
      } catch (inner) {
        manager.reportError('watching the state file', inner);
      }
    },
  });
}

/** A passive process mirrors the refresher's records; a damaged file is set aside on reading. */
export function followAsPassive(options: FollowStateOptions): Promise<StateWatcher> {
  const { stateFile, clock, manager } = options;
  return watchStateFile({
    file: stateFile,
    clock,
    persistent: options.persistent ?? true,
    onChange: (next) => manager.adoptState(next),
    onError: (error) => {
      if (!isCorruptStateFile(error)) {
        manager.reportError('watching the state file', error);
        return;
      }
      stateFile.read().then(
        (state) => manager.adoptState(state),
        (inner: unknown) => manager.reportError('reading the state file', inner),
      );
    },
  });
}

/** Active sessions of this refresher that have no record in the file. */
function lostRecords(manager: SessionManager, state: SwitchyardState): boolean {
  return manager
    .snapshot()
    .roles.some((view) => view.state !== 'inactive' && state.sessions[view.role.id] === undefined);
}
