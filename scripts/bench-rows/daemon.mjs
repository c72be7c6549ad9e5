import { ms, row, section } from './harness.mjs';

/** Row 4: the daemon idle with active roles. */
export async function idleRows({ script, plan, results }) {
  const i = (results.idle = await section(script, 'idle', {
    roles: plan.idleRoles,
    seconds: plan.idleSeconds,
  }));
  row(
    '4 idle',
    `daemon CPU, ${i.roles} active roles, a 10-min run: the window's first half once, then its second half's rate`,
    '< 1 s',
    ms(i.tenMinuteRunCpuMs),
    i.tenMinuteRunCpuMs < 1000,
  );
  if (i.idleSeconds < 600) {
    row(
      '4 idle',
      `  the whole window × ${600 / i.idleSeconds} (${i.cpuMs.toFixed(0)} ms in ${i.idleSeconds} s: start-up's after-effects counted ${600 / i.idleSeconds} times)`,
      '—',
      ms(i.cpuMsPer10Min),
    );
  }
  row('4 idle', `  the second half's rate alone, per 10 min`, '—', ms(i.secondHalfCpuMsPer10Min));
  row(
    '4 idle',
    `daemon RSS (peak while idle ${i.peakRssMb} MB, ${i.threads} threads)`,
    '< 100 MB',
    `${i.rssMb} MB`,
    i.rssMb < 100,
  );
  row(
    '4 idle',
    `wakeups (voluntary ctxt switches, all threads) per 10 min`,
    '—',
    `${i.wakeupsPer10Min} (${i.voluntarySwitches} in ${i.idleSeconds} s)`,
  );
  row(
    '4 idle',
    'STS calls while idle',
    '0',
    String(i.stsCallsWhileIdle),
    i.stsCallsWhileIdle === 0,
  );
  const threads = Object.entries(i.cpuByThread)
    .map(([name, cpu]) => `${name} ${cpu.toFixed(0)}`)
    .join(', ');
  row('4 idle', `  CPU ms while idle by thread`, '—', threads || 'none');
}

/** Row 11: `exec`'s cost over `--version`. */
export async function execRows({ script, plan, results }) {
  const x = (results.exec = await section(script, 'exec', { runs: plan.execRuns }));
  row(
    '11 exec',
    `\`exec <role> -- true\`, live session, daemon running: median − \`--version\`'s (${x.runs} alternated runs)`,
    '< 30 ms',
    `${ms(x.overheadMs)} (${ms(x.execMedianMs)} vs ${ms(x.versionMedianMs)})`,
    x.overheadMs < 30,
  );
  row(
    '11 exec',
    '  the same with --no-endpoint (no grant asked for)',
    '< 30 ms',
    `${ms(x.noEndpointOverheadMs)} (${ms(x.execNoEndpointMedianMs)})`,
    x.noEndpointOverheadMs < 30,
  );
}
