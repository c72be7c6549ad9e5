import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildServer<Stats> {
  /** The first line the child printed (its endpoint). */
  readonly endpoint: string;
  /** Sends one command line; resolves with the child's one-line JSON answer. */
  command(line: string): Promise<Stats>;
  close(): Promise<void>;
}

/**
 * Starts this bundle again as `section`: a peer server (the fault STS server,
 * the fake portal) in its own process, so its work does not share the measured
 * engine's event loop. The child prints {"endpoint":…} once, then answers one
 * JSON line per command line on stdin, and exits when stdin closes.
 */
export async function startChildServer<Stats>(section: string): Promise<ChildServer<Stats>> {
  const script = process.argv[1]!;
  const child = spawn(process.execPath, [script, section], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  const queued: string[] = [];
  lines.on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else queued.push(line);
  });
  const next = () =>
    new Promise<string>((resolve) => {
      const line = queued.shift();
      if (line !== undefined) resolve(line);
      else waiting.push(resolve);
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { endpoint } = JSON.parse(await next()) as { endpoint: string };
  return {
    endpoint,
    async command(line) {
      child.stdin.write(`${line}\n`);
      return JSON.parse(await next()) as Stats;
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
