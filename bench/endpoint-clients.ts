/**
 * The clients of the endpoint row: one process (started fresh for each round,
 * as SDKs in child processes would be) with `clients` keep-alive sockets, each
 * asking one request at a time.
 *
 * Each socket first asks WARM_UP_PER_CLIENT times, in this same process, and
 * only then are requests timed: a new process's first requests pay its own
 * connect and the first run (and compile) of Node's HTTP client code, 20–35 ms
 * each on the 2-core machine, and with 10 clients those 10 cold requests are 1%
 * of 1,000 samples, so before this they set the p99 alone, for a bare node:http
 * server as much as for the endpoint. That cost is real for an SDK's first ask,
 * so it is not dropped: the first request of each client is reported apart.
 */
import { execFile } from 'node:child_process';
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { askEndpoint } from '../tests/support/endpoint-client';
import { machineWindow, type MachineShare } from './machine-share';
import { sleep } from './stats';

export interface Grant {
  port: number;
  path: string;
  token: string;
}

export interface RoundResult {
  latencies: number[];
  failures: number;
  /** Each client's first request (new process: connect and cold client code), ms. */
  firstMs: number[];
  /** What the machine took from the client process during the timed requests. */
  client: MachineShare;
}

/** Requests per socket before the timed ones (the first of them is `firstMs`). */
export const WARM_UP_PER_CLIENT = 10;

/** The clients' side, run as `main.mjs endpoint-clients` with the grant in BENCH_GRANT. */
export async function runEndpointClients(
  requests: number,
  clients: number,
  pauseMs = 0,
): Promise<RoundResult> {
  const grant = JSON.parse(process.env.BENCH_GRANT ?? '{}') as Grant;
  const agents = Array.from(
    { length: clients },
    () => new Agent({ keepAlive: true, maxSockets: 1 }),
  );
  try {
    const firstMs: number[] = [];
    let failures = 0;
    await Promise.all(
      agents.map(async (agent) => {
        for (let i = 0; i < WARM_UP_PER_CLIENT; i++) {
          const start = performance.now();
          const answer = await askEndpoint({ ...grant, agent });
          if (i === 0) firstMs.push(performance.now() - start);
          if (answer.status !== 200) failures += 1;
        }
      }),
    );
    const end = machineWindow();
    const latencies: number[] = [];
    await Promise.all(
      agents.map(async (agent) => {
        for (let i = 0; i < requests / clients; i++) {
          // An SDK asks once per credential refresh, not in a loop: a random 0–2×pauseMs gap.
          if (pauseMs > 0) await sleep(Math.random() * 2 * pauseMs);
          const start = performance.now();
          const answer = await askEndpoint({ ...grant, agent });
          latencies.push(performance.now() - start);
          if (answer.status !== 200) failures += 1;
        }
      }),
    );
    return { latencies, failures, firstMs, client: end() };
  } finally {
    for (const agent of agents) agent.destroy();
  }
}

/** One round in a new client process (this bundle again, section `endpoint-clients`). */
export function roundInChild(
  grant: Grant,
  requests: number,
  clients: number,
  pauseMs = 0,
): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [process.argv[1]!, 'endpoint-clients', JSON.stringify({ requests, clients, pauseMs })],
      { env: { ...process.env, BENCH_GRANT: JSON.stringify(grant) }, maxBuffer: 16 << 20 },
      (error, stdout) => {
        if (error) return reject(error);
        const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
        if (!line) return reject(new Error('the endpoint clients gave no result'));
        resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as RoundResult);
      },
    );
  });
}
