/**
 * A temp home where one catalog role already has a live session in the
 * credentials file, as the refresher leaves it: what `exec` and `env` use
 * without calling STS. The keys are test values, never real ones.
 */
import { CatalogStore } from '../../electron/core/catalog/catalog-store';
import { createTempAwsHome, type TempAwsHome } from './temp-aws-home';

export interface LiveRole {
  readonly label: string;
  /** Also the profile name and the role's name in its ARN. */
  readonly name: string;
}

function liveRoleArn(name: string): string {
  return `arn:aws:iam::210987654321:role/${name}`;
}

/** The managed profile `name` with a session that has an hour left. */
function liveProfileText(name: string): string {
  const expires = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const keyId = `ASIA${name.toUpperCase().padEnd(16, 'X').slice(0, 16)}`;
  return [
    `[${name}]`,
    `aws_access_key_id = ${keyId}`,
    `aws_secret_access_key = ${name}/secret+key=`,
    `aws_session_token = ${name}/token+=`,
    'x_switchyard_managed = true',
    `x_switchyard_role_arn = ${liveRoleArn(name)}`,
    `x_switchyard_expires = ${expires}`,
    '',
  ].join('\n');
}

/** A temp home with the role in the catalog (default-chain source) and its live profile. */
export function createLiveRoleHome(role: LiveRole, env: Record<string, string> = {}): TempAwsHome {
  const home = createTempAwsHome({ credentials: liveProfileText(role.name), env });
  const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
  try {
    catalog.add({
      label: role.label,
      roleArn: liveRoleArn(role.name),
      profile: role.name,
      source: { kind: 'default' },
    });
  } finally {
    catalog.close();
  }
  return home;
}
