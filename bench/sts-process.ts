import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface StsStats {
  total: number;
  maxInFlight: number;
  errors: Record<string, number>;
}

export interface StsProcess {
  readonly endpoint: string;
  /** Sends `latency <ms>`, `reset` or `stats`; resolves with the server's stats after it. */
  command(line: string): Promise<StsStats>;
  close(): Promise<void>;
}

/** Starts this bundle again as `sts-server`: the fault STS server in its own process. */
export async function startStsProcess(): Promise<StsProcess> {
  const script = process.argv[1]!;
  const child = spawn(process.execPath, [script, 'sts-server'], {
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
      return JSON.parse(await next()) as StsStats;
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
