import { StsError } from '../sts/sts-error';

/** Thrown into a call cut short because the engine is stopping. */
export class EngineStopping extends Error {
  override readonly name = 'EngineStopping';

  constructor() {
    super('Switchyard is stopping');
  }
}

export interface DeadlineOptions {
  /**
   * The overall time allowed, from start to answer (not an idle timer). Wall
   * time, not the engine clock: it bounds real I/O, which a fake clock jumping
   * ahead in a test does not make any slower.
   */
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
  const { ms, what, stop } = options;
  const controller = new AbortController();
  if (stop?.aborted) return Promise.reject(new EngineStopping());
  let timer: NodeJS.Timeout | undefined;
  let onStop: (() => void) | undefined;
  const cutShort = new Promise<never>((_resolve, reject) => {
    const end = (reason: Error): void => {
      reject(reason);
      controller.abort(reason);
    };
    timer = setTimeout(() => {
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
    timer.unref(); // a deadline never keeps the process alive by itself
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
    clearTimeout(timer);
    if (onStop) stop?.removeEventListener('abort', onStop);
  });
}

/** Resolves when `work` settles or after `ms` of wall time, whichever is first (never rejects). */
export async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([work.then(noop, noop), bound]);
  clearTimeout(timer);
}

function noop(): void {}
