import { createContext, useContext } from 'react';
import type { SwitchyardApi } from '../../shared/ipc-contract';
import type { SharedClock } from './clock/shared-clock';

/** What every component may reach without prop drilling; stable for the page's life. */
export interface Services {
  readonly api: SwitchyardApi;
  readonly clock: SharedClock;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
}
