/**
 * Row "endpoint": the local credential endpoint of a refresher (in this
 * process) with a live session, asked 1,000 times by 10 concurrent keep-alive
 * clients in another process (as SDKs in child processes would), twice;
 * per-request latency as the clients see it, and this process's RSS before,
 * after the first 1,000 and after the second (after a GC each time).
 *
 * Those clients ask back to back, 10 requests always in flight: one stall of
 * any process on the machine (a GC pause, a preempted time slice) delays all
 * 10 at once, so it is 1% of the samples and sets the p99 by itself. So the
 * section also measures, in batches alternated with a bare node:http server
 * (the same machine state for both): the same closed loop; the clients spaced
 * as SDKs ask (a random pause of 0–10 ms before each request); and the
 * endpoint's own time per request, from its request event to the end of its
 * answer (Node's http diagnostics channels), which no client stall reaches.
 */
import { execFile } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openGrant } from '../electron/core/endpoint/grant-client';
import { MemorySecretStore } from '../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../electron/core/session/create-session-engine';
import { createTempAwsHome } from '../tests/support/temp-aws-home';
import { askEndpoint, splitUri } from '../tests/support/endpoint-client';
import { seedCatalog } from './bench-roles';
import { SOURCE_FILE } from './source-keys';
import { mb, median, note, percentile, sleep } from './stats';
import { startStsProcess } from './sts-process';

export interface EndpointResult {
  requests: number;
  clients: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  secondP50Ms: number;
  secondP99Ms: number;
  rssBeforeMb: number;
  rssAfterFirstMb: number;
  rssAfterSecondMb: number;
  /** Heap used after GC at the same three points. */
  heapMb: number[];
  failures: number;
  /** The refresher process's CPU (user + system) per request, over the first 1,000. */
  cpuPerRequestMs: number;
  /** The floor: a bare node:http server answering a fixed body of the same size, same clients. */
  floorP50Ms: number;
  floorP99Ms: number;
  floorCpuPerRequestMs: number;
  /** The load average when the run started: on a shared machine latency is mostly waiting for a core. */
  loadAverage: number;
  /** Alternated batches, endpoint and bare server: p50 / p99 for each way of asking. */
  paired: { closed: PairedFigures; spaced: PairedFigures };
  /** The endpoint's own time per request (request event to the end of its answer) in those batches. */
  serverP50Ms: number;
  serverP99Ms: number;
}

export interface PairedFigures {
  endpointP50Ms: number;
  endpointP99Ms: number;
  floorP50Ms: number;
  floorP99Ms: number;
}

/** Mean pause before each request in the spaced rounds (uniform over 0 to twice this). */
const SPACED_PAUSE_MS = 5;

function rssAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  heapSamples.push(process.memoryUsage().heapUsed);
  return process.memoryUsage().rss;
}

/** Heap used after each GC above: a leak grows it; RSS also moves with the allocator's arenas. */
const heapSamples: number[] = [];

/** The clients' side, run as `main.mjs endpoint-clients` with the grant in BENCH_GRANT. */
export async function runEndpointClients(
  requests: number,
  clients: number,
  pauseMs = 0,
): Promise<unknown> {
  const grant = JSON.parse(process.env.BENCH_GRANT ?? '{}') as {
    port: number;
    path: string;
    token: string;
  };
  return round(grant, requests, clients, pauseMs);
}

function roundInChild(
  grant: { port: number; path: string; token: string },
  requests: number,
  clients: number,
  pauseMs = 0,
): Promise<{ latencies: number[]; failures: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [process.argv[1]!, 'endpoint-clients', JSON.stringify({ requests, clients, pauseMs })],
      { env: { ...process.env, BENCH_GRANT: JSON.stringify(grant) }, maxBuffer: 16 << 20 },
      (error, stdout) => {
        if (error) return reject(error);
        const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
        if (!line) return reject(new Error('the endpoint clients gave no result'));
        resolve(
          JSON.parse(line.slice('BENCH_RESULT '.length)) as {
            latencies: number[];
            failures: number;
          },
        );
      },
    );
  });
}

/**
 * `requests` asks spread over `clients` clients, each one socket, one request
 * at a time; with `pauseMs`, a random pause (0 to twice that) before each.
 */
async function round(
  grant: { port: number; path: string; token: string },
  requests: number,
  clients: number,
  pauseMs = 0,
): Promise<{ latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const client = async (n: number): Promise<void> => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < n; i++) {
        if (pauseMs > 0) await sleep(Math.random() * 2 * pauseMs);
        const start = performance.now();
        const answer = await askEndpoint({ ...grant, agent });
        latencies.push(performance.now() - start);
        if (answer.status !== 200) failures += 1;
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: clients }, () => client(requests / clients)));
  return { latencies, failures };
}

/** A bare node:http server in this process answering a fixed body: what any Node HTTP answer costs here. */
async function startBareServer(
  bodyBytes: number,
): Promise<{ grant: { port: number; path: string; token: string }; close: () => Promise<void> }> {
  const body = JSON.stringify({ x: 'x'.repeat(Math.max(0, bodyBytes - 8)) });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    grant: { port: (server.address() as AddressInfo).port, path: '/', token: 'x' },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The endpoint's own time per request on `port`: request event to the end of its answer. */
function serverTimes(port: number): { times: number[]; stop: () => void } {
  const times: number[] = [];
  const started = new WeakMap<object, number>();
  type Event = { response: object; socket: { localPort?: number } };
  const onStart = (message: unknown) => {
    const event = message as Event;
    if (event.socket.localPort === port) started.set(event.response, performance.now());
  };
  const onFinish = (message: unknown) => {
    const at = started.get((message as Event).response);
    if (at !== undefined) times.push(performance.now() - at);
  };
  subscribe('http.server.request.start', onStart);
  subscribe('http.server.response.finish', onFinish);
  return {
    times,
    stop: () => {
      unsubscribe('http.server.request.start', onStart);
      unsubscribe('http.server.response.finish', onFinish);
    },
  };
}

/**
 * Batches alternated between the endpoint and the bare server, so both see the
 * same machine: p50 / p99 of each over `requests` requests.
 */
async function paired(
  grant: { port: number; path: string; token: string },
  bare: { port: number; path: string; token: string },
  requests: number,
  clients: number,
  pauseMs: number,
): Promise<PairedFigures> {
  const endpoint: number[] = [];
  const floor: number[] = [];
  const batches = 5;
  for (let i = 0; i < batches; i++) {
    endpoint.push(...(await roundInChild(grant, requests / batches, clients, pauseMs)).latencies);
    floor.push(...(await roundInChild(bare, requests / batches, clients, pauseMs)).latencies);
  }
  return {
    endpointP50Ms: median(endpoint),
    endpointP99Ms: percentile(endpoint, 99),
    floorP50Ms: median(floor),
    floorP99Ms: percentile(floor, 99),
  };
}

/** The same clients against the bare server, after the endpoint's rounds. */
async function floor(
  requests: number,
  clients: number,
  bodyBytes: number,
): Promise<{ p50: number; p99: number; cpuMs: number }> {
  const server = await startBareServer(bodyBytes);
  try {
    const grant = server.grant;
    await roundInChild(grant, 100, clients);
    const cpu = process.cpuUsage();
    const { latencies } = await roundInChild(grant, requests, clients);
    const used = process.cpuUsage(cpu);
    return {
      p50: median(latencies),
      p99: percentile(latencies, 99),
      cpuMs: (used.user + used.system) / 1000 / requests,
    };
  } finally {
    await server.close();
  }
}

export async function benchEndpoint(requests: number, clients: number): Promise<EndpointResult> {
  const sts = await startStsProcess();
  const home = createTempAwsHome({
    credentials: SOURCE_FILE,
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
  });
  try {
    const [roleId] = seedCatalog(home.switchyardConfigDir, 1);
    const manager = await createSessionEngine({
      kind: 'daemon',
      configDir: home.switchyardConfigDir,
      env: home.env,
      secrets: new MemorySecretStore(),
    });
    try {
      await manager.activate(roleId!);
      const handle = await openGrant({ roleId: roleId!, kind: 'endpoint', env: home.env });
      if (!handle) throw new Error('the refresher did not grant');
      const grant = { ...splitUri(handle.uri), token: handle.token.reveal() };
      // A catalog written in the last 2 s is read again on every look (its stat cannot vouch
      // for it yet); a refresher's catalog is older than that nearly always.
      await sleep(2_500);
      await roundInChild(grant, 100, clients); // warm-up: JIT, first reads of the state file
      const rssBefore = rssAfterGc();
      const cpu = process.cpuUsage();
      const first = await roundInChild(grant, requests, clients);
      const used = process.cpuUsage(cpu);
      const rssAfterFirst = rssAfterGc();
      const second = await roundInChild(grant, requests, clients);
      const rssAfterSecond = rssAfterGc();
      const bare = await floor(requests, clients, 1100);
      const bareServer = await startBareServer(1100);
      const own = serverTimes(grant.port);
      let pairs: { closed: PairedFigures; spaced: PairedFigures };
      try {
        await roundInChild(bareServer.grant, 100, clients); // warm-up
        pairs = {
          closed: await paired(grant, bareServer.grant, requests, clients, 0),
          spaced: await paired(grant, bareServer.grant, requests, clients, SPACED_PAUSE_MS),
        };
      } finally {
        own.stop();
        await bareServer.close();
      }
      note(
        `endpoint: p50 ${median(first.latencies).toFixed(2)} ms, p99 ${percentile(first.latencies, 99).toFixed(2)} ms`,
      );
      return {
        requests,
        clients,
        p50Ms: median(first.latencies),
        p99Ms: percentile(first.latencies, 99),
        maxMs: Math.max(...first.latencies),
        secondP50Ms: median(second.latencies),
        secondP99Ms: percentile(second.latencies, 99),
        rssBeforeMb: mb(rssBefore),
        rssAfterFirstMb: mb(rssAfterFirst),
        rssAfterSecondMb: mb(rssAfterSecond),
        heapMb: heapSamples.map(mb),
        failures: first.failures + second.failures,
        cpuPerRequestMs: (used.user + used.system) / 1000 / requests,
        floorP50Ms: bare.p50,
        floorP99Ms: bare.p99,
        floorCpuPerRequestMs: bare.cpuMs,
        loadAverage: loadavg()[0]!,
        paired: pairs,
        serverP50Ms: median(own.times),
        serverP99Ms: percentile(own.times, 99),
      };
    } finally {
      await manager.stop();
    }
  } finally {
    home.cleanup();
    await sts.close();
  }
}
