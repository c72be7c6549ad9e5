/**
 * Row 4: `switchyard daemon` as a child process holding R active roles, left idle;
 * CPU time (utime + stime, all threads), RSS, and context switches (all threads)
 * from /proc, extrapolated to 10 minutes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cliNodeArgs, cliPath, repoRoot } from './paths';
import { createTempAwsHome } from '../tests/support/temp-aws-home';
import { seedCatalog } from './bench-roles';
import { SOURCE_FILE } from './source-keys';
import { mustSucceed, spawnTimed } from './spawn-timed';
import { note, sleep } from './stats';
import { startStsProcess } from './sts-process';

export interface IdleResult {
  roles: number;
  idleSeconds: number;
  cpuMs: number;
  cpuMsPer10Min: number;
  rssMb: number;
  peakRssMb: number;
  threads: number;
  voluntarySwitches: number;
  involuntarySwitches: number;
  wakeupsPer10Min: number;
  stsCallsWhileIdle: number;
  /** CPU ms while idle by thread name (comm), busiest first. */
  cpuByThread: Record<string, number>;
  /** CPU in the second half of the window only, extrapolated to 10 min (start-up's after-effects, e.g. heap shrinking, fade by then). */
  secondHalfCpuMsPer10Min: number;
  /**
   * What 10 minutes of real time would cost: the first half of the window as it
   * was (start-up's after-effects, paid once), then the second half's rate.
   */
  tenMinuteRunCpuMs: number;
}

interface Sample {
  cpuTicks: number;
  rssKb: number;
  hwmKb: number;
  voluntary: number;
  involuntary: number;
  threads: number;
  /** thread name → CPU ticks, summed over threads of that name */
  byThread: Map<string, number>;
}

function field(status: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status);
  return m ? Number(m[1]) : 0;
}

function sample(pid: number): Sample {
  // Fields after the ")" of the command name: utime is the 14th field, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuTicks = Number(rest[11]) + Number(rest[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  let voluntary = 0;
  let involuntary = 0;
  const tasks = readdirSync(`/proc/${pid}/task`);
  const byThread = new Map<string, number>();
  for (const tid of tasks) {
    try {
      const t = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = t.slice(t.indexOf('(') + 1, t.lastIndexOf(')'));
      const f = t.slice(t.lastIndexOf(')') + 2).split(' ');
      byThread.set(name, (byThread.get(name) ?? 0) + Number(f[11]) + Number(f[12]));
      const s = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      voluntary += field(s, 'voluntary_ctxt_switches');
      involuntary += field(s, 'nonvoluntary_ctxt_switches');
    } catch {
      // the thread ended meanwhile
    }
  }
  return {
    cpuTicks,
    rssKb: field(status, 'VmRSS'),
    hwmKb: field(status, 'VmHWM'),
    voluntary,
    involuntary,
    threads: tasks.length,
    byThread,
  };
}

export async function benchIdle(roles: number, idleSeconds: number): Promise<IdleResult> {
  const ticksPerSecond =
    Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const sts = await startStsProcess();
  const home = createTempAwsHome({
    credentials: SOURCE_FILE,
    config: '[default]\nregion = us-east-1\n',
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
  });
  try {
    const ids = seedCatalog(home.switchyardConfigDir, roles);
    await sts.command('latency 0');
    mustSucceed(
      'switchyard activate',
      await spawnTimed(
        process.execPath,
        [...cliNodeArgs, cliPath, 'activate', ...ids],
        home.env,
        repoRoot,
      ),
    );
    const daemon = spawn(process.execPath, [...cliNodeArgs, cliPath, 'daemon'], {
      env: home.env,
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    daemon.stdout
      .setEncoding('utf8')
      .on('data', (c: string) => (output = (output + c).slice(-4000)));
    daemon.stderr
      .setEncoding('utf8')
      .on('data', (c: string) => (output = (output + c).slice(-4000)));
    const exited = new Promise<number | null>((resolve) => daemon.once('exit', resolve));
    try {
      // Let it start, read the catalog, state and credentials, and settle.
      await sleep(5000);
      if (daemon.exitCode !== null) throw new Error(`daemon exited early: ${output}`);
      const before = sample(daemon.pid!);
      const stsBefore = await sts.command('stats');
      note(`idle: daemon with ${roles} active roles, watching for ${idleSeconds} s`);
      let peak = before.rssKb;
      let middle = before;
      const half = Math.floor(idleSeconds / 2);
      for (let t = 0; t < idleSeconds; t++) {
        await sleep(1000);
        const now = sample(daemon.pid!);
        peak = Math.max(peak, now.rssKb);
        if (t + 1 === half) middle = now;
      }
      const after = sample(daemon.pid!);
      const stsAfter = await sts.command('stats');
      const cpuMs = ((after.cpuTicks - before.cpuTicks) / ticksPerSecond) * 1000;
      const scale = 600 / idleSeconds;
      const voluntary = after.voluntary - before.voluntary;
      const involuntary = after.involuntary - before.involuntary;
      return {
        roles,
        idleSeconds,
        cpuMs,
        cpuMsPer10Min: cpuMs * scale,
        rssMb: Math.round(after.rssKb / 102.4) / 10,
        peakRssMb: Math.round(Math.max(peak, after.rssKb) / 102.4) / 10,
        threads: after.threads,
        voluntarySwitches: voluntary,
        involuntarySwitches: involuntary,
        wakeupsPer10Min: Math.round(voluntary * scale),
        stsCallsWhileIdle: stsAfter.total - stsBefore.total,
        secondHalfCpuMsPer10Min:
          (((after.cpuTicks - middle.cpuTicks) / ticksPerSecond) * 1000 * 600) /
          (idleSeconds - half),
        tenMinuteRunCpuMs:
          ((middle.cpuTicks - before.cpuTicks) / ticksPerSecond) * 1000 +
          (((after.cpuTicks - middle.cpuTicks) / ticksPerSecond) * 1000 * (600 - half)) /
            (idleSeconds - half),
        cpuByThread: Object.fromEntries(
          [...after.byThread]
            .map(
              ([name, ticks]) =>
                [
                  name,
                  ((ticks - (before.byThread.get(name) ?? 0)) / ticksPerSecond) * 1000,
                ] as const,
            )
            .filter(([, ms]) => ms > 0)
            .sort((a, b) => b[1] - a[1]),
        ),
      };
    } finally {
      daemon.kill('SIGTERM');
      const timer = setTimeout(() => daemon.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  } finally {
    home.cleanup();
    await sts.close();
  }
}
