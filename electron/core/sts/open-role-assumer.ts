import type { Partition } from '../../../shared/partitions';
import { planStsCall } from './direct-plan';
import type { AssumedRole, AssumeRoleRequest } from './sts-gateway';
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
 * source (roles, SSO, processes, instance roles) or setting the direct path
 * cannot honour goes through the AWS SDK gateway, loaded only then. The rule is
 * the engine's too (direct-plan.ts).
 */
export async function openRoleAssumer(options: RoleAssumerOptions): Promise<RoleAssumer> {
  const plan = await planStsCall(options);
  if (plan.direct) {
    return new StsQueryClient({
      endpoint: plan.direct.endpoint,
      region: options.region,
      keys: plan.direct.keys,
      ...(plan.ca ? { ca: plan.ca.pem } : {}),
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    });
  }
  const { StsGateway } = await import('./sts-gateway');
  return new StsGateway({
    region: options.region,
    source: options.sourceProfile
      ? { kind: 'profile', profile: options.sourceProfile }
      : { kind: 'default' },
    ...(plan.ca ? { ca: plan.ca.pem } : {}),
  });
}
