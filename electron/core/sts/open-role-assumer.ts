import type { Partition } from '../../../shared/partitions';
import { isHttpUrl, regionalStsEndpoint, stsEndpointFromEnv } from './sts-endpoint';
import type { AssumedRole, AssumeRoleRequest } from './sts-gateway';
import { resolveStaticSource } from './static-source';
import { StsQueryClient } from './sts-query-client';

export interface RoleAssumer {
  assumeRole(request: AssumeRoleRequest): Promise<AssumedRole>;
  destroy(): void;
}

export interface RoleAssumerOptions {
  readonly region: string;
  readonly partition: Partition;
  /** --source-profile; otherwise the SDK's default credential chain. */
  readonly sourceProfile: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly credentialsPath: string;
  readonly configPath: string;
  /** e.g. "switchyard/0.1.0", sent when Switchyard signs the call itself. */
  readonly userAgent?: string;
}

/**
 * What one `switchyard assume` calls STS with: plain source keys are signed in
 * process with no SDK loaded (about half of a cold run's cost); every other
 * source (roles, SSO, processes, instance roles, custom endpoints) goes through
 * the AWS SDK gateway, loaded only then.
 */
export async function openRoleAssumer(options: RoleAssumerOptions): Promise<RoleAssumer> {
  const source = await resolveStaticSource(options);
  const endpoint =
    stsEndpointFromEnv(options.env) ?? regionalStsEndpoint(options.region, options.partition);
  // An endpoint that is not an http(s) URL gets the SDK's own verdict.
  if (source && isHttpUrl(endpoint)) {
    return new StsQueryClient({
      endpoint,
      region: options.region,
      keys: source.keys,
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    });
  }
  const { StsGateway } = await import('./sts-gateway');
  return new StsGateway({
    region: options.region,
    source: options.sourceProfile
      ? { kind: 'profile', profile: options.sourceProfile }
      : { kind: 'default' },
  });
}
