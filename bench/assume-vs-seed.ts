/** The source set-ups measured (index = the section's `variant` option). */
export const ASSUME_VARIANTS = [
  'plain profile',
  'plain profile + CA bundle',
  'environment keys',
  'container credentials',
  // Node 20 parses NODE_EXTRA_CA_CERTS's file at every start, TLS or not (about
  // 45 ms of CPU for the system bundle; Node 22 only when TLS is used): the
  // plain profile again without it, to show that part of the start-up.
  'plain profile, NODE_EXTRA_CA_CERTS unset',
];

/**
 * Row 1: one role assumed and its profile written, end to end from a cold process,
 * against one local moto_server: `switchyard assume` versus the seed's shell script
 * (aws sts assume-role + three aws configure set), alternated run by run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startContainerCredentialsServer } from '../tests/support/container-credentials-server';
import { motoQuery, startMoto } from '../tests/support/moto';
import { cliNode, cliNodeArgs, cliPath, repoRoot } from './paths';
import { createTempAwsHome } from '../tests/support/temp-aws-home';
import { which } from '../tests/support/tools';
import { mustSucceed, spawnTimed } from './spawn-timed';
import { median, note } from './stats';

const SOURCE_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ROLE_ARN = 'arn:aws:iam::210987654321:role/crossaccount-tst-role';

export interface AssumeResult {
  runs: number;
  awsCli: string;
  awsCliVersion: string;
  /** The Node running the measured processes. */
  nodeVersion: string;
  nodeFloorMs: number[];
  /** bench/assume-floor.cjs: the same result by a minimal Node program, no checks. */
  minimalMs: number[];
  switchyardMs: number[];
  seedMs: number[];
  stsRoundTripMs: number[];
  /** median(seed) / median(switchyard) */
  ratio: number;
  /** median of the per-pair ratios (seed run i / switchyard run i) */
  pairedRatio: number;
  /** median(switchyard) - median(STS round trip) */
  overheadMs: number;
}

export async function benchAssume(runs: number, variant = 0): Promise<AssumeResult> {
  const awsCli = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : which('aws');
  if (!awsCli) throw new Error('no AWS CLI (/usr/bin/aws or aws on PATH)');
  const moto = await startMoto();
  const envKeys = variant === 2;
  const withoutExtraCa = variant === 4;
  // CodeBuild's set-up: no keys anywhere but the container endpoint (a local stand-in), with a token.
  const container =
    variant === 3
      ? await startContainerCredentialsServer({
          token: 'bench-token',
          credentials: {
            accessKeyId: SOURCE_KEY,
            secretAccessKey: SOURCE_SECRET,
            sessionToken: 'IQoJbench',
            expiration: new Date(Date.now() + 6 * 3_600_000),
          },
        })
      : undefined;
  // A corporate laptop's bundle: the system's list (a TLS-inspecting proxy's CA would be one more).
  const caBundle = process.env.AWS_CA_BUNDLE || '/etc/ssl/certs/ca-certificates.crt';
  const home = createTempAwsHome({
    credentials:
      envKeys || container
        ? ''
        : `[default]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`,
    config: '[default]\nregion = us-east-1\n',
    env: {
      AWS_ENDPOINT_URL_STS: moto.endpoint,
      ...(variant === 1 ? { AWS_CA_BUNDLE: caBundle } : {}),
      ...(envKeys ? { AWS_ACCESS_KEY_ID: SOURCE_KEY, AWS_SECRET_ACCESS_KEY: SOURCE_SECRET } : {}),
      ...(container
        ? {
            AWS_CONTAINER_CREDENTIALS_FULL_URI: container.url,
            AWS_CONTAINER_AUTHORIZATION_TOKEN: 'bench-token',
          }
        : {}),
    },
  });
  if (withoutExtraCa) delete home.env.NODE_EXTRA_CA_CERTS;
  const seedEnv: NodeJS.ProcessEnv = { ...home.env, AWS_CLI: awsCli, STS_ENDPOINT: moto.endpoint };
  delete seedEnv.AWS_ENDPOINT_URL_STS;
  const seedScript = join(repoRoot, 'bench', 'seed-assume-role.sh');
  const minimalScript = join(repoRoot, 'bench', 'assume-floor.cjs');
  try {
    const version = mustSucceed('aws --version', await spawnTimed(awsCli, ['--version'], seedEnv));
    const awsCliVersion = (version.stdout || version.stderr).trim().split(/\s+/)[0] ?? '?';

    const nodeVersion = mustSucceed(
      'node --version',
      await spawnTimed(cliNode, ['--version'], home.env),
    ).stdout.trim();
    const nodeFloorMs: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const run = mustSucceed('node -e', await spawnTimed(cliNode, ['-e', ''], home.env));
      if (i >= 2) nodeFloorMs.push(run.ms);
    }

    // The STS round trip alone, from a warm process: a raw signed AssumeRole.
    const stsRoundTripMs: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const start = performance.now();
      await motoQuery(
        moto.endpoint,
        'sts',
        {
          Action: 'AssumeRole',
          Version: '2011-06-15',
          RoleArn: ROLE_ARN,
          RoleSessionName: `rtt-${i}`,
          DurationSeconds: '3600',
        },
        { accessKeyId: SOURCE_KEY, secretAccessKey: SOURCE_SECRET },
      );
      if (i >= 3) stsRoundTripMs.push(performance.now() - start);
    }

    const switchyardMs: number[] = [];
    const seedMs: number[] = [];
    const minimalMs: number[] = [];
    const sy = () =>
      spawnTimed(
        cliNode,
        [...cliNodeArgs, cliPath, 'assume', ROLE_ARN, 'sy-test'],
        home.env,
        repoRoot,
      );
    const seed = () => spawnTimed('bash', [seedScript, ROLE_ARN, 'seed-test'], seedEnv, repoRoot);
    const minimal = () =>
      spawnTimed(cliNode, [minimalScript, ROLE_ARN, 'minimal-test'], home.env, repoRoot);
    // One untimed warm-up each (page cache, moto's first-request paths; on Node 20
    // it also writes Switchyard's code cache, bin/code-cache.cjs, as a user's first run does).
    mustSucceed('switchyard assume', await sy());
    mustSucceed('seed script', await seed());
    mustSucceed('minimal program', await minimal());
    for (let i = 0; i < runs; i++) {
      // Alternate the order, so drift on a noisy machine hits all alike.
      const order = i % 2 === 0 ? [sy, seed, minimal] : [minimal, seed, sy];
      for (const runner of order) {
        const run = await runner();
        if (runner === sy) switchyardMs.push(mustSucceed('switchyard assume', run).ms);
        else if (runner === seed) seedMs.push(mustSucceed('seed script', run).ms);
        else minimalMs.push(mustSucceed('minimal program', run).ms);
      }
      note(
        `assume run ${i + 1}/${runs}: switchyard ${switchyardMs.at(-1)!.toFixed(0)} ms, seed ${seedMs.at(-1)!.toFixed(0)} ms, minimal ${minimalMs.at(-1)!.toFixed(0)} ms`,
      );
    }
    const text = home.readCredentials();
    if (
      !/\[sy-test\][^[]*aws_session_token/.test(text) ||
      !/\[seed-test\][^[]*aws_session_token/.test(text) ||
      !/\[minimal-test\][^[]*aws_session_token/.test(text)
    ) {
      throw new Error('a profile was not written');
    }
    const pairs = switchyardMs.map((ms, i) => seedMs[i]! / ms);
    return {
      runs,
      awsCli,
      awsCliVersion,
      nodeVersion,
      nodeFloorMs,
      minimalMs,
      switchyardMs,
      seedMs,
      stsRoundTripMs,
      ratio: median(seedMs) / median(switchyardMs),
      pairedRatio: median(pairs),
      overheadMs: median(switchyardMs) - median(stsRoundTripMs),
    };
  } finally {
    home.cleanup();
    await moto.stop();
    await container?.close();
  }
}
