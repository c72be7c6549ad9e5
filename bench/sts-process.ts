import { startChildServer, type ChildServer } from './child-server';

export interface StsStats {
  total: number;
  maxInFlight: number;
  errors: Record<string, number>;
}

/** `latency <ms>`, `reset` or `stats`; each answers with the server's stats after it. */
export type StsProcess = ChildServer<StsStats>;

/** The fault STS server in its own process (bench/sts-child.ts). */
export function startStsProcess(): Promise<StsProcess> {
  return startChildServer<StsStats>('sts-server');
}
