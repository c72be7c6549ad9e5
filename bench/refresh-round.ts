/**
 * Row 2: one refresh round of N active roles against the fault STS server (in its own
 * process) with 50 ms injected latency; wall time against N / concurrency × latency,
 * and how many times the credentials file was written (must be one).
 */
import { MemorySecretStore } from '../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../electron/core/session/create-session-engine';
import { createTempAwsHome } from '../tests/support/temp-aws-home';
import { seedCatalog } from './bench-roles';
import { SOURCE_FILE } from './source-keys';
import { startStsProcess } from './sts-process';
import { countCredentialsWrites } from './count-writes';
import { mb, note, timed } from './stats';

export interface RefreshResult {
  roles: number;
  concurrency: number;
  latencyMs: number;
  boundMs: number;
  roundMs: number;
  /** roundMs / boundMs */
  ratio: number;
  /** The activation round, at 0 ms latency: the engine's own cost for N roles. */
  zeroLatencyRoundMs: number;
  /** CPU time (user + system) of this process during activation and during the round: less noisy than wall time on a busy machine. */
  activationCpuMs: number;
  roundCpuMs: number;
  writes: number;
  stsCalls: number;
  maxInFlight: number;
  active: number;
  rssMb: number;
  heapUsedMb: number;
}

export async function benchRefresh(
  roles: number,
  latencyMs = 50,
  concurrency = 10,
): Promise<RefreshResult> {
  const sts = await startStsProcess();
  const home = createTempAwsHome({
    credentials: SOURCE_FILE,
    config: '[default]\nregion = us-east-1\n',
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
  });
  const writes = countCredentialsWrites();
  try {
    const ids = seedCatalog(home.switchyardConfigDir, roles);
    const manager = await createSessionEngine({
      kind: 'daemon',
      configDir: home.switchyardConfigDir,
      env: home.env,
      secrets: new MemorySecretStore(),
      concurrency,
    });
    try {
      // Activate every role in one round with no injected latency.
      await sts.command('latency 0');
      const activationCpu = process.cpuUsage();
      const activation = await timed(() => Promise.all(ids.map((id) => manager.activate(id))));
      const activationCpuMs = cpuMs(process.cpuUsage(activationCpu));
      const activeBefore = manager.snapshot().roles.filter((r) => r.state === 'active').length;
      if (activeBefore !== roles)
        throw new Error(`only ${activeBefore} of ${roles} roles activated`);
      note(
        `refresh ${roles}: activated in ${activation.ms.toFixed(0)} ms (0 ms latency, ${activationCpuMs.toFixed(0)} ms CPU)`,
      );

      await sts.command('reset');
      await sts.command(`latency ${latencyMs}`);
      writes.reset();
      if (typeof global.gc === 'function') global.gc();
      const roundCpu = process.cpuUsage();
      const round = await timed(() => manager.refresh(null));
      const roundCpuMs = cpuMs(process.cpuUsage(roundCpu));
      const stats = await sts.command('stats');
      const memory = process.memoryUsage();
      const active = manager.snapshot().roles.filter((r) => r.state === 'active').length;
      const boundMs = (roles / concurrency) * latencyMs;
      note(
        `refresh ${roles}: round ${round.ms.toFixed(0)} ms (bound ${boundMs} ms, ${roundCpuMs.toFixed(0)} ms CPU), ${writes.count} write(s)`,
      );
      return {
        roles,
        concurrency,
        latencyMs,
        boundMs,
        roundMs: round.ms,
        ratio: round.ms / boundMs,
        zeroLatencyRoundMs: activation.ms,
        activationCpuMs,
        roundCpuMs,
        writes: writes.count,
        stsCalls: stats.total,
        maxInFlight: stats.maxInFlight,
        active,
        rssMb: mb(memory.rss),
        heapUsedMb: mb(memory.heapUsed),
      };
    } finally {
      await manager.stop();
    }
  } finally {
    writes.restore();
    home.cleanup();
    await sts.close();
  }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
