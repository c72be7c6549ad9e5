import { useEffect, useRef } from 'react';

/**
 * Escape on a form with unsaved input: an inline question instead of losing
 * it. "Keep editing" takes the focus (the safe answer is one Enter away);
 * Escape again also keeps editing.
 */
export function DiscardPrompt({
  onDiscard,
  onKeep,
}: {
  onDiscard: () => void;
  onKeep: () => void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div
      className="discard-prompt"
      role="alertdialog"
      aria-labelledby="discard-title"
      data-testid="discard-prompt"
    >
      <span id="discard-title">Discard changes?</span>
      <button type="button" className="danger" onClick={onDiscard}>
        Discard
      </button>
      <button type="button" ref={keep} onClick={onKeep}>
        Keep editing
      </button>
    </div>
  );
}
