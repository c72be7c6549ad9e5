import { useEffect, useState } from 'react';
import type { SourceProfileView } from '../../../shared/ipc-contract';
import { useServices } from '../services-context';

/**
 * The profiles of both AWS files, for the source field's suggestions. Best
 * effort: while they load, or if asking fails, the field simply suggests nothing.
 */
export function useSourceProfiles(): readonly SourceProfileView[] {
  const { api } = useServices();
  const [profiles, setProfiles] = useState<readonly SourceProfileView[]>([]);
  useEffect(() => {
    let live = true;
    api.sourceProfiles().then(
      (found) => live && setProfiles(Array.isArray(found) ? found : []),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return profiles;
}
