import type { SharedClock } from './shared-clock';

/** The parts of `document` this needs (a test passes its own). */
export interface VisibilitySource {
  readonly hidden: boolean;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/**
 * Puts the countdown clock to sleep while nobody can see the popup. Two sources,
 * either of which can say "hidden": the document's own visibility, and the
 * shell's word (`onPopupVisibility`). The document alone is not enough: Electron
 * paints a window created hidden as if it were visible, so at launch the page
 * believes it is seen until the popup has been shown and hidden once. Until the
 * shell says anything, the document decides. Returns a function that stops
 * following both.
 */
export function followVisibility(
  clock: Pick<SharedClock, 'setPaused'>,
  doc: VisibilitySource,
  onPopupVisibility?: (listener: (visible: boolean) => void) => () => void,
): () => void {
  let hiddenByShell = false;
  const update = () => clock.setPaused(doc.hidden || hiddenByShell);
  doc.addEventListener('visibilitychange', update);
  const stopShell = onPopupVisibility?.((visible) => {
    hiddenByShell = !visible;
    update();
  });
  update();
  return () => {
    doc.removeEventListener('visibilitychange', update);
    stopShell?.();
  };
}
