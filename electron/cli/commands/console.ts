import {
  consoleHomeUrl,
  federationEndpoint,
  federatedLoginUrl,
  switchRoleUrl,
} from '../../../shared/console-urls';
import { InputError } from '../../../shared/input-error';
import { isLoopbackHostname } from '../../../shared/loopback';
import { partitionOfRegion, type Partition } from '../../../shared/partitions';
import { parseRoleArn, type RoleArn } from '../../../shared/role-arn';
import {
  checkColor,
  checkDisplayName,
  checkProfileName,
  checkRegion,
} from '../../../shared/validate';
import { openSecretUrl, redirectExpiredMessage } from '../../core/console/open-secret-url';
import { openInBrowser } from '../../core/console/open-url';
import { getSigninToken } from '../../core/console/signin-token';
import { CredentialsFile, resolveCredentialsPaths } from '../../core/credentials/credentials-file';
import { StsGateway } from '../../core/sts/sts-gateway';
import { optionalString, parseCommandArgs } from '../args';
import { requireProfile } from '../require-profile';
import { cliAudit } from '../cli-audit';
import { failureView } from '../../core/session/session-failure';
import { consoleForRole } from './console-role';

const ISSUER = 'switchyard';

async function managedRoleOf(file: CredentialsFile, profile: string): Promise<RoleArn | undefined> {
  const managed = (await file.listManaged()).find((p) => p.profile === profile);
  return managed?.roleArn ? parseRoleArn(managed.roleArn) : undefined;
}

/** Prints or opens a switch-role link (no secret in it, so the opener may see it). */
async function deliver(url: string, print: boolean): Promise<void> {
  if (print) {
    process.stdout.write(`${url}\n`);
    return;
  }
  await openInBrowser(url);
}

export async function consoleCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('console', argv, {
    'display-name': { type: 'string' },
    color: { type: 'string' },
    profile: { type: 'string' },
    federated: { type: 'boolean' },
    region: { type: 'string' },
    destination: { type: 'string' },
    print: { type: 'boolean' },
    service: { type: 'string' },
    browser: { type: 'string' },
  });
  const print = values.print === true;
  const profileText = optionalString(values, 'profile');
  const federated = values.federated === true;
  const regionText = optionalString(values, 'region');
  const region = regionText === undefined ? undefined : checkRegion(regionText, '--region');
  const destinationText = optionalString(values, 'destination');
  const displayNameText = optionalString(values, 'display-name');
  const colorText = optionalString(values, 'color');
  const service = optionalString(values, 'service');
  const browser = optionalString(values, 'browser');

  if (positionals.length > 1) {
    throw new InputError(
      'arguments',
      `unexpected argument ${JSON.stringify(positionals[1])}; run \`switchyard console --help\``,
    );
  }
  const name = positionals[0];
  if (name !== undefined && !name.startsWith('arn:') && profileText === undefined) {
    if (destinationText !== undefined || displayNameText !== undefined || colorText !== undefined) {
      throw new InputError(
        'arguments',
        '--destination, --display-name and --color go with a role ARN or --profile; a catalog role uses --service, --region and its own label and colour',
      );
    }
    await consoleForRole({
      name,
      federated,
      print,
      ...(service === undefined ? {} : { service }),
      ...(regionText === undefined ? {} : { region: regionText }),
      ...(browser === undefined ? {} : { browser }),
    });
    return;
  }
  if (service !== undefined || browser !== undefined) {
    throw new InputError(
      'arguments',
      '--service and --browser go with a catalog role: `switchyard console <id|label>`',
    );
  }
  const arnText = name;
  if (arnText !== undefined && profileText !== undefined) {
    throw new InputError('arguments', 'give either a role ARN or --profile, not both');
  }
  if (arnText === undefined && profileText === undefined) {
    throw new InputError(
      'arguments',
      'missing <role-arn> or --profile; run `switchyard console --help`',
    );
  }
  if (federated && profileText === undefined) {
    throw new InputError(
      '--federated',
      "--federated signs in with a profile's session; add --profile NAME",
    );
  }
  if (!federated && (region !== undefined || destinationText !== undefined)) {
    throw new InputError('--region', '--region and --destination go with --federated');
  }
  if (region !== undefined && destinationText !== undefined) {
    throw new InputError('--destination', 'give either --region or --destination, not both');
  }
  if (federated && (displayNameText !== undefined || colorText !== undefined)) {
    throw new InputError(
      '--display-name',
      '--display-name and --color apply to switch-role links, not --federated',
    );
  }
  const displayName =
    displayNameText === undefined ? undefined : checkDisplayName(displayNameText, '--display-name');
  const color = colorText === undefined ? undefined : checkColor(colorText, '--color');

  if (arnText !== undefined) {
    const role = parseRoleArn(arnText);
    cliAudit()({ event: 'console-link', outcome: 'ok', roleArn: arnText });
    await deliver(
      switchRoleUrl({ role, ...(displayName ? { displayName } : {}), ...(color ? { color } : {}) }),
      print,
    );
    return;
  }

  const profile = checkProfileName(profileText ?? '', '--profile');
  const paths = resolveCredentialsPaths(process.env);
  if (federated) await requireProfile(paths, profile, '--profile');
  const file = new CredentialsFile(paths);
  const managedRole = await managedRoleOf(file, profile);
  if (!federated) {
    if (!managedRole) {
      throw new InputError(
        '--profile',
        `profile "${profile}" is not managed by Switchyard, so its role is unknown; pass the role ARN instead, or add --federated`,
      );
    }
    cliAudit()({ event: 'console-link', outcome: 'ok', roleArn: managedRole.arn, profile });
    await deliver(
      switchRoleUrl({
        role: managedRole,
        ...(displayName ? { displayName } : {}),
        ...(color ? { color } : {}),
      }),
      print,
    );
    return;
  }

  const partition: Partition = region
    ? partitionOfRegion(region)
    : (managedRole?.partition ?? 'aws');
  const destination = destinationText ?? consoleHomeUrl(partition, region);
  const endpoint = federationEndpoint(
    partition,
    process.env.SWITCHYARD_SIGNIN_ENDPOINT || undefined,
  );
  const gateway = new StsGateway({
    region: region ?? 'us-east-1',
    source: { kind: 'profile', profile },
  });
  let source;
  try {
    source = await gateway.resolveSourceCredentials();
  } finally {
    gateway.destroy();
  }
  if (!source.sessionToken) {
    throw new Error(
      `profile "${profile}" holds long-term keys; federated sign-in needs a role session: run \`switchyard assume\` first and sign in with that profile`,
    );
  }
  const signedIn = {
    event: 'federated-sign-in',
    profile,
    source: `profile:${profile}`,
    ...(managedRole ? { roleArn: managedRole.arn } : {}),
  } as const;
  let token;
  try {
    token = await getSigninToken({
      endpoint,
      credentials: {
        accessKeyId: source.accessKeyId,
        secretAccessKey: source.secretAccessKey,
        sessionToken: source.sessionToken,
      },
    });
  } catch (error) {
    cliAudit()({ ...signedIn, outcome: 'error', errorCode: failureView(error).code });
    throw error;
  }
  cliAudit()({ ...signedIn, outcome: 'ok' });
  const url = federatedLoginUrl({
    endpoint,
    signinToken: token.reveal(),
    issuer: ISSUER,
    destination,
  });
  if (print) {
    process.stdout.write(`${url}\n`);
    return;
  }
  // The URL's SigninToken signs in whoever has it: the opener (and so `ps`)
  // sees only a one-time loopback redirect to it. A loopback sign-in endpoint
  // (SWITCHYARD_SIGNIN_ENDPOINT, a local test server) yields a loopback login
  // URL; federationEndpoint already vetted it.
  const outcome = await openSecretUrl(url, {
    allowLoopback: isLoopbackHostname(new URL(endpoint).hostname),
  });
  if (outcome !== 'served') throw new Error(redirectExpiredMessage());
}
