import type { Clock } from '../refresh/clock';
import { StsError } from '../sts/sts-error';

/** Thrown into a call cut short because the engine is stopping. */
export class EngineStopping extends Error {
  override readonly name = 'EngineStopping';

  constructor() {
    super('Switchyard is stopping');
  }
}

export interface DeadlineOptions {
  readonly clock: Clock;
  /** The overall time allowed, from start to answer (not an idle timer). */
  readonly ms: number;
  /** What is being waited for, for the message ("assuming Dev admin"). */
  readonly what: string;
  /** Aborted when the engine stops: the wait ends at once. */
  readonly stop?: AbortSignal;
}

/**
 * Runs `work` with an overall deadline: when it passes (or the engine stops)
 * the returned promise rejects at once and `work`'s signal is aborted, so the
 * caller can close what it opened (sockets, clients). A call stuck in a child
 * process or on a trickling socket then holds up nothing but itself, and its
 * late answer is ignored. A passed deadline is a retryable timeout.
 */
export function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: DeadlineOptions,
): Promise<T> {
  const { clock, ms, what, stop } = options;
  const controller = new AbortController();
  if (stop?.aborted) return Promise.reject(new EngineStopping());
  let timer: ReturnType<Clock['setTimeout']> | undefined;
  let onStop: (() => void) | undefined;
  const cutShort = new Promise<never>((_resolve, reject) => {
    const end = (reason: Error): void => {
      reject(reason);
      controller.abort(reason);
    };
    timer = clock.setTimeout(() => {
      const seconds = Math.round(ms / 100) / 10;
      end(
        new StsError(
          'retryable',
          'TimeoutError',
          `${what} did not finish within ${seconds} s (no answer from the credential source or STS); will retry`,
          undefined,
        ),
      );
    }, ms);
    onStop = () => end(new EngineStopping());
    stop?.addEventListener('abort', onStop, { once: true });
  });
  let running: Promise<T>;
  try {
    running = work(controller.signal);
  } catch (error) {
    running = Promise.reject(error);
  }
  // Whatever the cut-short call does later must not surface as an unhandled rejection.
  running.catch(() => undefined);
  return Promise.race([running, cutShort]).finally(() => {
    if (timer !== undefined) clock.clearTimeout(timer);
    if (onStop) stop?.removeEventListener('abort', onStop);
  });
}
