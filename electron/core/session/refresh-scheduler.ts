import type { Settings } from '../../../shared/model';
import type { Clock, TimerHandle } from '../refresh/clock';
import { nextWake, planRefresh, type SessionTiming } from '../refresh/refresh-plan';

const DEFAULT_MAX_SLEEP_MS = 5 * 60_000;

export interface RefreshSchedulerDeps {
  readonly clock: Clock;
  /** Only the refresher plans; passive and one-shot engines never set a timer. */
  readonly enabled: boolean;
  /** Longest sleep between plans, so a host with no resume event still notices missed refreshes. */
  readonly maxSleepMs?: number;
  readonly seed?: number;
  readonly settings: () => Settings;
  readonly timings: () => SessionTiming[];
  /** Sessions the plan found expired (the callee decides which are news). */
  readonly onExpired: (roleIds: readonly string[]) => void;
  /** Sessions due now: a round takes them, and re-schedules when it ends. */
  readonly onDue: (roleIds: readonly string[]) => void;
  /** A wake-up that failed (it must not end the process); the next one is still planned. */
  readonly onError: (error: unknown) => void;
}

/**
 * The one timer for all roles. Each `schedule()` re-plans from the wall clock
 * (timers are not trusted across sleep), starts what is due, and otherwise
 * sleeps until the next refresh or the longest sleep.
 */
export class RefreshScheduler {
  readonly #deps: RefreshSchedulerDeps;
  #timer: TimerHandle | undefined;
  #online = true;
  #stopped = false;

  constructor(deps: RefreshSchedulerDeps) {
    this.#deps = deps;
  }

  schedule(): void {
    this.#cancel();
    const { clock, enabled } = this.#deps;
    if (!enabled || this.#stopped || !this.#online) return;
    const now = clock.now();
    const plan = planRefresh(this.#deps.timings(), this.#deps.settings(), now, {
      ...(this.#deps.seed !== undefined ? { seed: this.#deps.seed } : {}),
    });
    if (plan.expired.length > 0) this.#deps.onExpired(plan.expired);
    if (plan.due.length > 0) {
      this.#deps.onDue(plan.due);
      return; // the round re-schedules when it ends
    }
    const wake = nextWake(plan, now, this.#deps.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS);
    if (wake !== undefined) this.#timer = clock.setTimeout(() => this.#wake(), wake - now);
  }

  #wake(): void {
    try {
      this.schedule();
    } catch (error) {
      this.#deps.onError(error);
      // Still planned: a failing plan tries again after the longest sleep.
      if (!this.#stopped && this.#online) {
        const { clock } = this.#deps;
        this.#timer = clock.setTimeout(
          () => this.#wake(),
          this.#deps.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS,
        );
      }
    }
  }

  /** Offline pauses refresh attempts; online re-plans at once. */
  setOnline(online: boolean): void {
    this.#online = online;
    if (online) this.schedule();
    else this.#cancel();
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  stop(): void {
    this.#stopped = true;
    this.#cancel();
  }

  #cancel(): void {
    if (this.#timer !== undefined) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
