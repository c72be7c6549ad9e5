/** What exitWhenFlushed waits on: a stream that calls back once a write has been handed on. */
export interface FlushableStream {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
}

/**
 * Ends a one-shot command's process once stdout and stderr have taken all it
 * wrote, with the exit code it set (process.exitCode). A Node process that
 * simply runs out of work tears its heap down page by page first, about 3.5 ms of
 * a cold `assume` that nobody waits for.
 *
 * Only for a command that has finished everything: 'exit' listeners still run
 * (bin/switchyard saves its code cache there), but open sockets, timers and
 * pending callbacks are dropped. Writes to a pipe are asynchronous on some
 * systems (macOS), so an empty write is queued behind each stream's last one and
 * its callback says when everything before it went out.
 */
export function exitWhenFlushed(
  streams: readonly FlushableStream[] = [process.stdout, process.stderr],
  exit: () => void = () => process.exit(),
): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      exit();
      resolve();
    };
    let waiting = streams.length;
    if (waiting === 0) return done();
    // A stream that cannot be written any more (a closed pipe) calls back with
    // an error: then nothing is left to wait for either.
    for (const stream of streams) {
      stream.write('', () => {
        waiting -= 1;
        if (waiting === 0) done();
      });
    }
  });
}
