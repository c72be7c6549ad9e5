import { useEffect, useState } from 'react';
import type { SsoProgress } from '../../../shared/sso-views';
import { useServices } from '../services-context';

const IDLE: SsoProgress = { phase: 'idle' };

/**
 * Where the one Identity Center sign-in stands. Subscribes to pushes before
 * asking, so a step taken between the two is never lost; once a push arrived
 * the (older) answer is ignored, as the snapshot store does.
 */
export function useSsoProgress(): SsoProgress {
  const { api } = useServices();
  const [progress, setProgress] = useState<SsoProgress>(IDLE);
  useEffect(() => {
    let pushed = false;
    let live = true;
    const stop = api.onSsoProgress((next) => {
      pushed = true;
      setProgress(next);
    });
    api.getSsoProgress().then(
      (next) => {
        if (live && !pushed) setProgress(next);
      },
      () => undefined, // the panel stays idle; the next push tells
    );
    return () => {
      live = false;
      stop();
    };
  }, [api]);
  return progress;
}
