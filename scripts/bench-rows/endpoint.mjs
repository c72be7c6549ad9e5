import { ms, row, section } from './harness.mjs';

/** Row 10: the local credential endpoint, against a bare node:http server. */
export async function endpointRows({ script, results }) {
  const e = (results.endpoint = await section(script, 'endpoint', {
    requests: 1000,
    clients: 10,
  }));
  row(
    '10 endpoint',
    `${e.requests} credential requests from ${e.clients} keep-alive clients, live session: p50 / p99 (max ${ms(e.maxMs)}; ${e.failures} not 200; load average ${e.loadAverage.toFixed(1)})`,
    'p99 < 5 ms',
    `${ms(e.p50Ms)} / ${ms(e.p99Ms)}`,
    e.p99Ms < 5 && e.failures === 0,
  );
  row(
    '10 endpoint',
    `  the next ${e.requests}: p50 / p99`,
    'p99 < 5 ms',
    `${ms(e.secondP50Ms)} / ${ms(e.secondP99Ms)}`,
    e.secondP99Ms < 5,
  );
  row(
    '10 endpoint',
    '  refresher CPU per request (user + system)',
    '—',
    `${e.cpuPerRequestMs.toFixed(3)} ms`,
  );
  row(
    '10 endpoint',
    '  floor, a bare node:http server with the same clients: p50 / p99 / CPU per request',
    '—',
    `${ms(e.floorP50Ms)} / ${ms(e.floorP99Ms)} / ${e.floorCpuPerRequestMs.toFixed(3)} ms`,
  );
  // What the machine took per 1,000 requests: main thread waiting for a core, and GC pauses.
  const per1k = (x) => `${ms((x * 1000) / e.requests)}`;
  const took = (s, served) =>
    `${s.waitMs === undefined ? '?' : per1k(s.waitMs)} waiting, ${s.gcCount} GC (${s.gcMajor} full) ${ms(s.gcMs)}` +
    (served ? `, ${(s.allocatedBytes / served / 1024).toFixed(1)} KB allocated per request` : '');
  const pair = (name, f) => {
    row(
      '10 endpoint',
      `  ${name}, in 5 batches alternated with the bare server: endpoint p50 / p99; bare p50 / p99`,
      'p99 < 5 ms',
      `${ms(f.endpointP50Ms)} / ${ms(f.endpointP99Ms)}; ${ms(f.floorP50Ms)} / ${ms(f.floorP99Ms)}`,
      f.endpointP99Ms < 5,
    );
    row(
      '10 endpoint',
      "    taken by the machine per 1,000: clients; refresher (endpoint batches) | clients; server (bare batches); the servers' heap allocation per request answered (warm-up asks included)",
      '—',
      `${took(f.endpointShare.client)}; ${took(f.endpointShare.server, f.served)} | ${took(f.floorShare.client)}; ${took(f.floorShare.server, f.served)}`,
    );
  };
  pair('back to back (10 always in flight)', e.paired.closed);
  pair('spaced as SDKs ask (0–10 ms pause before each)', e.paired.spaced);
  row(
    '10 endpoint',
    "  each client process's first request (connect, cold client code; not in the figures above): p50 / max",
    '—',
    `${ms(e.firstP50Ms)} / ${ms(e.firstMaxMs)}`,
  );
  const r = e.restart;
  pair(
    `after a refresher restart (its session read back from a credentials file of ${r.profiles.toLocaleString('en')} profiles), spaced`,
    r.spaced,
  );
  row(
    '10 endpoint',
    "    the same: the endpoint's own time p50 / p99; back to back p50 / p99, refresher CPU per request",
    '—',
    `${ms(r.serverP50Ms)} / ${ms(r.serverP99Ms)}; ${ms(r.closedP50Ms)} / ${ms(r.closedP99Ms)}, ${r.cpuPerRequestMs.toFixed(3)} ms`,
  );
  row(
    '10 endpoint',
    "  the endpoint's own time per request in those batches (request event to end of answer): p50 / p99",
    'p99 < 5 ms',
    `${ms(e.serverP50Ms)} / ${ms(e.serverP99Ms)}`,
    e.serverP99Ms < 5,
  );
  row(
    '10 endpoint',
    '  process RSS after GC: before / after the first 1,000 / after the second',
    '—',
    `${e.rssBeforeMb} / ${e.rssAfterFirstMb} / ${e.rssAfterSecondMb} MB`,
  );
  row(
    '10 endpoint',
    '  heap used after GC at the same points (a leak grows it)',
    'no growth',
    `${e.heapMb.join(' / ')} MB`,
    e.heapMb[2] - e.heapMb[1] < 1,
  );
}
