import type { StsGateway } from '../sts/sts-gateway';

/** The part of the STS gateway the engine calls (tests pass their own). */
export type StsGatewayLike = Pick<
  StsGateway,
  'assumeRole' | 'getSessionToken' | 'resolveSourceCredentials' | 'destroy'
>;
