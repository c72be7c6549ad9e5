import { InputError } from '../../../shared/input-error';
import { parseRoleArn } from '../../../shared/role-arn';
import {
  checkDuration,
  checkExternalId,
  checkMfaCode,
  checkMfaSerial,
  checkProfileName,
  checkRegion,
  checkSessionName,
} from '../../../shared/validate';
import {
  CredentialsFile,
  CredentialsFileError,
  resolveCredentialsPaths,
} from '../../core/credentials/credentials-file';
import { defaultSessionName } from '../../core/session/session-name';
import { resolveStsRegion } from '../../core/sts/region';
import { openRoleAssumer } from '../../core/sts/open-role-assumer';
import { optionalString, parseCommandArgs, expectPositionals } from '../args';
import { expiryText } from '../expiry-text';
import { requireProfile } from '../require-profile';
import { cliVersion } from '../version';
import { isoTime } from '../../../shared/iso-time';

const FORCEABLE = new Set(['refused-long-term-keys', 'refused-role-profile']);

/** The engine's refusals are CLI-agnostic; say which flag overrides them. */
async function withForceHint(check: Promise<void>): Promise<void> {
  try {
    await check;
  } catch (error) {
    if (error instanceof CredentialsFileError && FORCEABLE.has(error.code)) {
      throw new CredentialsFileError(error.code, `${error.message} (--force overrides this)`);
    }
    throw error;
  }
}

/** Without --mfa-code, the code is asked for (or read from stdin): read-mfa-code.ts. */
async function mfaCodeFor(serialNumber: string, given: string | undefined): Promise<string> {
  return given ?? (await import('../read-mfa-code')).readMfaCode(serialNumber);
}

export async function assumeCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('assume', argv, {
    'external-id': { type: 'string' },
    duration: { type: 'string' },
    'session-name': { type: 'string' },
    'source-profile': { type: 'string' },
    region: { type: 'string' },
    'mfa-serial': { type: 'string' },
    'mfa-code': { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [arnText = '', profileText = ''] = expectPositionals('assume', positionals, [
    'role-arn',
    'profile',
  ]);

  // Validate everything before touching the network or the file.
  const role = parseRoleArn(arnText);
  const profile = checkProfileName(profileText, 'profile');
  const durationText = optionalString(values, 'duration');
  const durationSeconds =
    durationText === undefined ? undefined : checkDuration(durationText, '--duration');
  const externalIdText = optionalString(values, 'external-id');
  const externalId =
    externalIdText === undefined ? undefined : checkExternalId(externalIdText, '--external-id');
  const sessionNameText = optionalString(values, 'session-name');
  const sessionName = checkSessionName(sessionNameText ?? defaultSessionName(), '--session-name');
  const sourceProfileText = optionalString(values, 'source-profile');
  const sourceProfile =
    sourceProfileText === undefined
      ? undefined
      : checkProfileName(sourceProfileText, '--source-profile');
  if (sourceProfile === profile) {
    throw new InputError(
      '--source-profile',
      '--source-profile: cannot be the profile being written; pick another target profile',
    );
  }
  const regionText = optionalString(values, 'region');
  const region = regionText === undefined ? undefined : checkRegion(regionText, '--region');
  const serialText = optionalString(values, 'mfa-serial');
  const codeText = optionalString(values, 'mfa-code');
  if (serialText === undefined && codeText !== undefined) {
    throw new InputError(
      '--mfa-code',
      '--mfa-code goes with --mfa-serial; pass the MFA device ARN too',
    );
  }
  const serialNumber =
    serialText === undefined ? undefined : checkMfaSerial(serialText, '--mfa-serial');
  const givenCode = codeText === undefined ? undefined : checkMfaCode(codeText, '--mfa-code');
  const force = values.force === true;

  const paths = resolveCredentialsPaths(process.env);
  if (sourceProfile !== undefined) await requireProfile(paths, sourceProfile, '--source-profile');
  const file = new CredentialsFile(paths);
  // Refuse before calling STS: a refused profile should not cost a session.
  await withForceHint(file.checkWritable(profile, force));

  const stsRegion = await resolveStsRegion({
    explicit: region,
    env: process.env,
    sourceProfile,
    configPath: paths.configPath,
    credentialsPath: paths.credentialsPath,
    partition: role.partition,
  });
  // Asked for only once the rest is known to be fine: a code lives 30 seconds.
  const mfa =
    serialNumber === undefined
      ? undefined
      : { serialNumber, tokenCode: await mfaCodeFor(serialNumber, givenCode) };
  const gateway = await openRoleAssumer({
    region: stsRegion,
    partition: role.partition,
    sourceProfile,
    env: process.env,
    credentialsPath: paths.credentialsPath,
    configPath: paths.configPath,
    userAgent: `switchyard/${cliVersion()}`,
  });
  let assumed;
  try {
    assumed = await gateway.assumeRole({
      role,
      sessionName,
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      ...(externalId !== undefined ? { externalId } : {}),
      ...(mfa ? { mfa } : {}),
    });
  } catch (error) {
    // A failed call may leave a credential_process running: stop it.
    gateway.destroy();
    throw error;
  }
  // Once it answered, all the gateway holds is an idle kept-alive connection,
  // which Node unrefs: it never keeps the process alive, and the process ends
  // with the command (assume-main.ts). Closing it cost a cold run 0.7 ms.

  const result = await file.apply([
    { type: 'put', profile, credentials: assumed.credentials, roleArn: role.arn, force },
  ]);
  const rejected = result.rejected[0];
  if (rejected) throw new CredentialsFileError(rejected.code, rejected.reason);

  const expiration = isoTime(assumed.credentials.expiresAt).replace(/\.\d{3}Z$/, 'Z');
  if (assumed.durationCapped) {
    process.stderr.write(
      `switchyard: note: duration lowered from ${assumed.durationCapped.requested} to ${assumed.durationCapped.granted} seconds: the source credentials are temporary, and AWS limits chained role sessions to 1 hour\n`,
    );
  }
  if (values.json === true) {
    process.stdout.write(
      `${JSON.stringify({
        profile,
        roleArn: role.arn,
        assumedRoleArn: assumed.assumedRoleArn,
        expiration,
        durationSeconds: assumed.durationSeconds,
        chained: assumed.chained,
        region: stsRegion,
        credentialsFile: paths.credentialsPath,
      })}\n`,
    );
    return;
  }
  process.stdout.write(
    [
      `profile       ${profile}`,
      `assumed role  ${assumed.assumedRoleArn}`,
      `expires       ${expiration} (${expiryText(assumed.credentials.expiresAt - Date.now())})`,
      '',
    ].join('\n'),
  );
}
