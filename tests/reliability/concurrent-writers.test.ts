import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIni, indexSections } from '../../electron/core/credentials/ini-document';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../electron/core/session/create-session-engine';
import { startFaultStsServer, type FaultStsServer } from '../support/fault-sts-server';
import { createTempAwsHome, type TempAwsHome } from '../support/temp-aws-home';
import { findAwsCli, requireTool } from '../support/tools';
import { CHILDREN } from '../unit/credentials/helpers/children';
import { emitted, leaks, runCliRecorded, secretsIn } from './support/emitted';

const run = promisify(execFile);
const aws = requireTool('aws-cli');

const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
const COMMENTS = ['# team laptop, do not edit by hand', '; keep me too', '# trailing note'];
const USER_FILE = [
  COMMENTS[0],
  '[source]',
  `aws_access_key_id = ${SOURCE_KEY}`,
  `aws_secret_access_key = ${SOURCE_SECRET}`,
  '',
  COMMENTS[1],
  '[other]',
  'aws_access_key_id = AKIAOTHEROTHEROTHER1',
  'aws_secret_access_key = otherotherotherotherotherotherotherother',
  '',
  COMMENTS[2],
  '',
].join('\n');

// Every writer runs for at least RUN_MS, and on until the slow lanes (the AWS CLI and
// `switchyard assume`, both real processes) have done enough runs to mean something;
// MAX_RUN_MS is a safety cap for a loaded machine, not a speed target.
const RUN_MS = 12_000;
const MAX_RUN_MS = 90_000;
const MIN_AWS_EDITS = 6;
const ROLES = 50;
const ASSUMERS = 3;
const AWS_LANES = 2;

let sts: FaultStsServer;
let home: TempAwsHome;
beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
  home = createTempAwsHome({ credentials: USER_FILE, env: { AWS_ENDPOINT_URL_STS: sts.endpoint } });
});
afterAll(async () => {
  await sts.close();
  home.cleanup();
});

describe.skipIf(!aws.available)(`concurrent writers ${aws.skipReason}`, () => {
  it(
    'refresher (50 roles) + switchyard assume + aws configure set, all at once',
    async () => {
      const engine = await createSessionEngine({
        kind: 'daemon',
        configDir: home.switchyardConfigDir,
        env: home.env,
        secrets: new MemorySecretStore(),
        requestTimeoutMs: 5000,
      });
      const roleIds: string[] = [];
      try {
        for (let i = 0; i < ROLES; i++) {
          const role = await engine.addRole({
            label: `r${i}`,
            roleArn: `arn:aws:iam::210987654321:role/r${i}`,
            profile: `eng-${i}`,
            source: { kind: 'profile', profile: 'source' },
          } as never);
          roleIds.push(role.id);
        }
        for (const id of roleIds) await engine.activate(id);

        const started = Date.now();
        const awsEdits: Array<{ profile: string; value: string }> = [];
        let assumeRuns = 0;
        const running = () => {
          const elapsed = Date.now() - started;
          if (elapsed >= MAX_RUN_MS) return false;
          if (elapsed < RUN_MS) return true;
          return awsEdits.length < MIN_AWS_EDITS || assumeRuns <= ASSUMERS;
        };
        let rounds = 0;
        const roundErrors: string[] = [];
        const refresher = (async () => {
          while (running()) {
            await engine.refresh(null).catch((e: unknown) => roundErrors.push(String(e)));
            rounds++;
          }
        })();

        const lastAssumed = new Map<string, string>(); // profile -> assumedRoleArn of its last success
        const assumeFailures: string[] = [];
        const assumers = Array.from({ length: ASSUMERS }, async (_, w) => {
          for (let i = 0; running(); i++) {
            const profile = `cli-assume-${w}`;
            const result = await runCliRecorded(
              [
                'assume',
                `arn:aws:iam::210987654321:role/a${w}`,
                profile,
                '--source-profile',
                'source',
                '--session-name',
                `w${w}-run${i}`,
                '--json',
              ],
              { env: home.env, timeoutMs: 30_000 },
            );
            assumeRuns++;
            if (result.code === 0) {
              lastAssumed.set(
                profile,
                (JSON.parse(result.stdout) as { assumedRoleArn: string }).assumedRoleArn,
              );
            } else {
              assumeFailures.push(result.stderr.trim());
            }
          }
        });

        const awsFailures: string[] = [];
        const awsLanes = Array.from({ length: AWS_LANES }, async (_, lane) => {
          for (let i = 0; running(); i++) {
            const profile = `awscli-${lane}-${i}`;
            const value = `AKIAEDIT${lane}X${String(i).padStart(6, '0')}`;
            try {
              await run(
                findAwsCli()!.path,
                ['configure', 'set', 'aws_access_key_id', value, '--profile', profile],
                { env: home.env, timeout: 20_000 },
              );
              awsEdits.push({ profile, value });
            } catch (error) {
              awsFailures.push(String(error));
            }
          }
        });

        // A faster imitation of the same in-place writer (node, ~40 ms a run), for a count
        // large enough to catch a lost edit.
        const fastEdits: Array<{ profile: string; value: string }> = [];
        const fastLane = (async () => {
          for (let i = 0; running(); i++) {
            const profile = `inplace-${i}`;
            const value = `AKIAFAST${String(i).padStart(8, '0')}`;
            await run(process.execPath, [
              `${CHILDREN}configure-set.mjs`,
              home.credentialsPath,
              profile,
              'aws_access_key_id',
              value,
            ]);
            fastEdits.push({ profile, value });
          }
        })();

        await Promise.all([refresher, ...assumers, ...awsLanes, fastLane]);
        await engine.idle();

        const text = home.readCredentials();
        const sections = indexSections(parseIni(text));

        // 1. User content: comments and the user's own profiles.
        for (const comment of COMMENTS) expect(text).toContain(`${comment}\n`);
        expect(text).toContain(
          `[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`,
        );
        for (const list of sections.values()) expect(list).toHaveLength(1); // no duplicate sections

        // 2. Every managed profile: one issued session (key, secret, token agree), the latest one.
        const section = (name: string) => {
          const start = text.indexOf(`[${name}]\n`);
          if (start < 0) return undefined;
          const end = text.indexOf('\n[', start + 1);
          return text.slice(start, end < 0 ? undefined : end + 1);
        };
        const creds = (name: string) => {
          const s = section(name) ?? '';
          const v = (k: string) => new RegExp(`^${k} = (\\S+)$`, 'm').exec(s)?.[1] ?? '';
          return {
            accessKeyId: v('aws_access_key_id'),
            secretAccessKey: v('aws_secret_access_key'),
            sessionToken: v('aws_session_token'),
          };
        };
        const snapshot = engine.snapshot();
        let engineStale = 0;
        for (let i = 0; i < ROLES; i++) {
          const issued = sts.describeCredentials(creds(`eng-${i}`));
          expect(issued, `eng-${i} holds one issued session`).toBeDefined();
          const view = snapshot.roles.find((r) => r.role.profile === `eng-${i}`)!;
          if (issued!.expiration.getTime() !== view.expiresAt) engineStale++;
        }
        expect(engineStale).toBe(0);
        let assumeStale = 0;
        for (const [profile, assumedRoleArn] of lastAssumed) {
          const issued = sts.describeCredentials(creds(profile));
          expect(issued, `${profile} holds one issued session`).toBeDefined();
          if (issued!.arn !== assumedRoleArn) assumeStale++;
        }
        expect(assumeStale).toBe(0);

        // 3. Every `aws configure set` edit is present.
        const isLost = ({ profile, value }: { profile: string; value: string }) =>
          !section(profile)?.includes(`aws_access_key_id = ${value}\n`);
        const fastLost = fastEdits.filter(isLost);
        const lost = awsEdits.filter(
          ({ profile, value }) => !section(profile)?.includes(`aws_access_key_id = ${value}\n`),
        );

        // 4. Nothing secret in what the CLI printed.
        expect(
          leaks(emitted, [
            SOURCE_SECRET,
            ...secretsIn(text).filter((s) => !s.startsWith('AKIA') && !s.startsWith('ASIA')),
          ]),
        ).toEqual([]);

        console.log(
          `[reliability] concurrent: ${((Date.now() - started) / 1000).toFixed(1)} s, ${rounds} refresh rounds of ${ROLES} roles ` +
            `(${roundErrors.length} round errors), ${assumeRuns} switchyard assume runs ` +
            `(${assumeFailures.length} failed reading the source profile mid-write), ` +
            `${snapshot.roles.filter((r) => r.error).length} roles showing an error at the end, ${awsEdits.length} aws configure set edits ` +
            `(${awsFailures.length} failed, ${lost.length} lost), ${fastEdits.length} in-place ` +
            `imitation edits (${fastLost.length} lost), ${sts.count('AssumeRole')} AssumeRole calls; ` +
            `managed profiles with keys from two sessions: 0; stale: ${engineStale + assumeStale}`,
        );
        if (roundErrors.length + assumeFailures.length + awsFailures.length > 0) {
          console.log(
            [...new Set([...roundErrors, ...assumeFailures, ...awsFailures])]
              .slice(0, 5)
              .join('\n'),
          );
        }
        expect(roundErrors).toEqual([]);
        // Known, reported: the SDK reads the source profile straight from the file, so a
        // run that lands while an in-place writer has it truncated fails (exit 1, nothing
        // written). Anything else is a failure.
        const sourceRace =
          /CredentialsProviderError: Could not load credentials from any providers/;
        expect(assumeFailures.filter((f) => !sourceRace.test(f))).toEqual([]);
        const unhealthy = snapshot.roles.filter((r) => r.state !== 'active' || r.error);
        expect(
          unhealthy.map((r) => `${r.role.profile} ${r.state} ${r.error?.code ?? ''}`),
          'every refreshed role still active, without an error',
        ).toEqual([]);
        expect(awsFailures).toEqual([]);
        expect(awsEdits.length).toBeGreaterThanOrEqual(MIN_AWS_EDITS);
        expect(assumeRuns).toBeGreaterThan(ASSUMERS);
        // The race after the last check is closed by the look after the rename
        // (held-read.ts): 0 lost in 20 runs (docs/reliability-notes/integrity.md).
        expect(lost).toEqual([]);
        expect(fastLost).toEqual([]);
      } finally {
        await engine.stop();
      }
    },
    MAX_RUN_MS + 60_000,
  );
});
