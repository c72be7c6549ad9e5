import { useCallback, useEffect, useState } from 'react';
import type { Report, Status } from './status';

const INFO_MS = 4000;

/** The footer message: confirmations fade after a few seconds, errors stay until replaced or dismissed. */
export function useStatus(): [Status | undefined, Report] {
  const [status, setStatus] = useState<Status>();
  useEffect(() => {
    if (status?.tone !== 'info') return;
    const timer = window.setTimeout(() => setStatus(undefined), INFO_MS);
    return () => window.clearTimeout(timer);
  }, [status]);
  const report = useCallback<Report>((next) => setStatus(next), []);
  return [status, report];
}
