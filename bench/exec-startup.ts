/**
 * Row "exec": the cost `switchyard exec <role> -- true` adds to a cold start,
 * with a live session (a `switchyard daemon` running, the role active). Runs
 * alternate with `switchyard --version` so both see the same machine load;
 * the figure is the median of exec minus the median of --version.
 */
import { spawn } from 'node:child_process';
import { cliNodeArgs, cliPath, repoRoot } from './paths';
import { createTempAwsHome } from '../tests/support/temp-aws-home';
import { seedCatalog } from './bench-roles';
import { SOURCE_FILE } from './source-keys';
import { mustSucceed, spawnTimed } from './spawn-timed';
import { median, note, sleep } from './stats';
import { startStsProcess } from './sts-process';

export interface ExecStartupResult {
  runs: number;
  versionMedianMs: number;
  execMedianMs: number;
  /** `exec --no-endpoint`: never asks the refresher for a grant. */
  execNoEndpointMedianMs: number;
  overheadMs: number;
  noEndpointOverheadMs: number;
}

export async function benchExecStartup(runs: number): Promise<ExecStartupResult> {
  const sts = await startStsProcess();
  const home = createTempAwsHome({
    credentials: SOURCE_FILE,
    config: '[default]\nregion = us-east-1\n',
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
  });
  const cli = (args: string[]) =>
    spawnTimed(process.execPath, [...cliNodeArgs, cliPath, ...args], home.env, repoRoot);
  const daemon = spawn(process.execPath, [...cliNodeArgs, cliPath, 'daemon'], {
    env: home.env,
    cwd: repoRoot,
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
  try {
    const [id] = seedCatalog(home.switchyardConfigDir, 1);
    await sleep(2000); // the daemon takes the refresher lock
    mustSucceed('switchyard activate', await cli(['activate', id!]));
    const version: number[] = [];
    const exec: number[] = [];
    const noEndpoint: number[] = [];
    // One unmeasured round first: the page cache, not the code, would dominate it.
    for (let i = -1; i < runs; i++) {
      const v = mustSucceed('switchyard --version', await cli(['--version']));
      const e = mustSucceed('switchyard exec', await cli(['exec', id!, '--', 'true']));
      const n = mustSucceed(
        'switchyard exec --no-endpoint',
        await cli(['exec', id!, '--no-endpoint', '--', 'true']),
      );
      if (i < 0) continue;
      version.push(v.ms);
      exec.push(e.ms);
      noEndpoint.push(n.ms);
    }
    const result = {
      runs,
      versionMedianMs: median(version),
      execMedianMs: median(exec),
      execNoEndpointMedianMs: median(noEndpoint),
      overheadMs: median(exec) - median(version),
      noEndpointOverheadMs: median(noEndpoint) - median(version),
    };
    note(
      `exec: --version ${result.versionMedianMs.toFixed(0)} ms, exec ${result.execMedianMs.toFixed(0)} ms, --no-endpoint ${result.execNoEndpointMedianMs.toFixed(0)} ms (medians of ${runs})`,
    );
    return result;
  } finally {
    daemon.kill('SIGTERM');
    const timer = setTimeout(() => daemon.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    home.cleanup();
    await sts.close();
  }
}
