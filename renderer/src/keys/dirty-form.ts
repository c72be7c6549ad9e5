import { createContext, useContext, useEffect } from 'react';

/** Where a form says whether it holds unsaved input (the popup asks before Escape drops it). */
export const DirtyFormContext = createContext<(dirty: boolean) => void>(() => {});

/** Reports the form's unsaved state while it is shown; leaving it clears the flag. */
export function useDirtyForm(dirty: boolean): void {
  const setDirty = useContext(DirtyFormContext);
  useEffect(() => {
    setDirty(dirty);
    return () => setDirty(false);
  }, [setDirty, dirty]);
}
