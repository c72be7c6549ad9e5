/**
 * Row "endpoint": the local credential endpoint of a refresher (in this
 * process) with a live session, asked 1,000 times by 10 keep-alive clients in
 * another process (bench/endpoint-clients.ts: warmed up in that process first,
 * each client's cold first request reported apart), twice; latency as the
 * clients see it, and this process's RSS and heap after a GC before, after the
 * first 1,000 and after the second.
 *
 * Those clients ask back to back, 10 requests always in flight: one stall of
 * any process on the machine (a GC pause, a time slice lost to another
 * process) delays all 10 at once, so it is 1% of the samples and sets the p99
 * by itself. So the section also measures, in batches alternated with a bare
 * node:http server (the same machine state for both): the same closed loop;
 * the clients spaced as SDKs ask (a random pause of 0–10 ms before each
 * request); the endpoint's own time per request (request event to the end of
 * its answer), which no client stall reaches; and, for each batch, what the
 * machine took from both processes (main thread waiting for a core, GC pauses
 * and how many were full collections, heap allocated: bench/machine-share.ts).
 * Last, the refresher is restarted, as at a login, and the same asks go to the
 * session it recovers from a credentials file of RESTART_PROFILES profiles;
 * this process's heap is collected first, as a new process's would be empty
 * of the stopped engine and the rows before.
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openGrant } from '../electron/core/endpoint/grant-client';
import { MemorySecretStore } from '../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../electron/core/session/create-session-engine';
import type { SessionManager } from '../electron/core/session/session-manager';
import { splitUri } from '../tests/support/endpoint-client';
import { createTempAwsHome } from '../tests/support/temp-aws-home';
import { seedCatalog } from './bench-roles';
import { roundInChild, WARM_UP_PER_CLIENT, type Grant, type RoundResult } from './endpoint-clients';
import { serverTimes, startBareServer } from './endpoint-floor';
import { addShares, machineWindow, type MachineShare } from './machine-share';
import { SOURCE_FILE } from './source-keys';
import { mb, median, note, percentile, sleep } from './stats';
import { startStsProcess } from './sts-process';

export { runEndpointClients } from './endpoint-clients';

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
  /** Each new client process's first request per socket (connect, cold client code), every round. */
  firstP50Ms: number;
  firstMaxMs: number;
  /** After a refresher restart: the live session is the one recovered from the credentials file. */
  restart: RestartFigures;
}

export interface PairedFigures {
  endpointP50Ms: number;
  endpointP99Ms: number;
  floorP50Ms: number;
  floorP99Ms: number;
  /** What the machine took from each process over the endpoint's batches and the bare server's. */
  endpointShare: { client: MachineShare; server: MachineShare };
  floorShare: { client: MachineShare; server: MachineShare };
  /** Requests each side's server answered in its batches (timed ones and the clients' warm-up). */
  served: number;
}

export interface RestartFigures {
  profiles: number;
  /** Spaced as SDKs ask, alternated with a bare server as above. */
  spaced: PairedFigures;
  closedP50Ms: number;
  closedP99Ms: number;
  serverP50Ms: number;
  serverP99Ms: number;
  cpuPerRequestMs: number;
}

/** Mean pause before each request in the spaced rounds (uniform over 0 to twice this). */
const SPACED_PAUSE_MS = 5;
/** Profiles in the credentials file besides the source and the role's: a big, real-looking file. */
const RESTART_PROFILES = 2000;

/** Heap used after each GC below: a leak grows it; RSS also moves with the allocator's arenas. */
const heapSamples: number[] = [];
const firstRequests: number[] = [];

function rssAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  heapSamples.push(process.memoryUsage().heapUsed);
  return process.memoryUsage().rss;
}

async function round(
  grant: Grant,
  requests: number,
  clients: number,
  pauseMs = 0,
): Promise<RoundResult & { server: MachineShare }> {
  const end = machineWindow();
  const result = await roundInChild(grant, requests, clients, pauseMs);
  firstRequests.push(...result.firstMs);
  return { ...result, server: end() };
}

/**
 * Batches alternated between the endpoint and the bare server, so both see the
 * same machine: p50 / p99 of each over `requests` requests.
 */
async function paired(
  grant: Grant,
  bare: Grant,
  requests: number,
  clients: number,
  pauseMs: number,
): Promise<PairedFigures> {
  const endpoint: (RoundResult & { server: MachineShare })[] = [];
  const floor: (RoundResult & { server: MachineShare })[] = [];
  const batches = 5;
  for (let i = 0; i < batches; i++) {
    endpoint.push(await round(grant, requests / batches, clients, pauseMs));
    floor.push(await round(bare, requests / batches, clients, pauseMs));
  }
  const all = (rounds: RoundResult[]) => rounds.flatMap((r) => r.latencies);
  const share = (rounds: (RoundResult & { server: MachineShare })[]) => ({
    client: addShares(rounds.map((r) => r.client)),
    server: addShares(rounds.map((r) => r.server)),
  });
  return {
    endpointP50Ms: median(all(endpoint)),
    endpointP99Ms: percentile(all(endpoint), 99),
    floorP50Ms: median(all(floor)),
    floorP99Ms: percentile(all(floor), 99),
    endpointShare: share(endpoint),
    floorShare: share(floor),
    served: requests + batches * clients * WARM_UP_PER_CLIENT,
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
    await round(server.grant, 100, clients);
    const cpu = process.cpuUsage();
    const { latencies } = await round(server.grant, requests, clients);
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

/** Spaced (beside the bare server) and closed rounds on a refresher just started on the files an earlier one left. */
async function afterRestart(grant: Grant, requests: number, clients: number) {
  const bareServer = await startBareServer(1100);
  try {
    await round(grant, 100, clients); // warm-up
    await round(bareServer.grant, 100, clients);
    const own = serverTimes(grant.port);
    const spaced = await paired(grant, bareServer.grant, requests, clients, SPACED_PAUSE_MS);
    own.stop();
    const cpu = process.cpuUsage();
    const closed = await round(grant, requests, clients);
    const used = process.cpuUsage(cpu);
    return {
      profiles: RESTART_PROFILES,
      spaced,
      closedP50Ms: median(closed.latencies),
      closedP99Ms: percentile(closed.latencies, 99),
      serverP50Ms: median(own.times),
      serverP99Ms: percentile(own.times, 99),
      cpuPerRequestMs: (used.user + used.system) / 1000 / requests,
    };
  } finally {
    await bareServer.close();
  }
}

function otherProfiles(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    const key = `AKIAOTHER${String(i).padStart(11, '0')}`;
    text += `\n[other-${i}]\naws_access_key_id = ${key}\naws_secret_access_key = ${'s'.repeat(40)}\nregion = eu-west-1\n`;
  }
  return text;
}

export async function benchEndpoint(requests: number, clients: number): Promise<EndpointResult> {
  const sts = await startStsProcess();
  const home = createTempAwsHome({
    credentials: SOURCE_FILE,
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
  });
  appendFileSync(home.credentialsPath, otherProfiles(RESTART_PROFILES));
  const open = () =>
    createSessionEngine({
      kind: 'daemon',
      configDir: home.switchyardConfigDir,
      env: home.env,
      secrets: new MemorySecretStore(),
    });
  const loadAverage = loadavg()[0]!;
  let manager: SessionManager | undefined;
  try {
    const [roleId] = seedCatalog(home.switchyardConfigDir, 1);
    manager = await open();
    await manager.activate(roleId!);
    const handle = await openGrant({ roleId: roleId!, kind: 'endpoint', env: home.env });
    if (!handle) throw new Error('the refresher did not grant');
    const grant = { ...splitUri(handle.uri), token: handle.token.reveal() };
    // A catalog written in the last 2 s is read again on every look (its stat cannot vouch
    // for it yet); a refresher's catalog is older than that nearly always.
    await sleep(2_500);
    await round(grant, 100, clients); // warm-up: JIT, first reads of the state file
    const rssBefore = rssAfterGc();
    const cpu = process.cpuUsage();
    const first = await round(grant, requests, clients);
    const used = process.cpuUsage(cpu);
    const rssAfterFirst = rssAfterGc();
    const second = await round(grant, requests, clients);
    const rssAfterSecond = rssAfterGc();
    const bare = await floor(requests, clients, 1100);
    const bareServer = await startBareServer(1100);
    const own = serverTimes(grant.port);
    let pairs: { closed: PairedFigures; spaced: PairedFigures };
    try {
      await round(bareServer.grant, 100, clients); // warm-up
      pairs = {
        closed: await paired(grant, bareServer.grant, requests, clients, 0),
        spaced: await paired(grant, bareServer.grant, requests, clients, SPACED_PAUSE_MS),
      };
    } finally {
      own.stop();
      await bareServer.close();
    }
    // A refresher started again (a login, an update): the session comes back from the file.
    await manager.stop();
    manager = undefined;
    manager = await open();
    // A restarted refresher is a new process: what the stopped engine and the rows above
    // left in this heap is collected now, not during the restart row's batches.
    (globalThis as { gc?: () => void }).gc?.();
    const restart = await afterRestart(grant, requests, clients);
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
      loadAverage,
      paired: pairs,
      serverP50Ms: median(own.times),
      serverP99Ms: percentile(own.times, 99),
      firstP50Ms: median(firstRequests),
      firstMaxMs: Math.max(...firstRequests),
      restart,
    };
  } finally {
    await manager?.stop();
    home.cleanup();
    await sts.close();
  }
}
