/**
 * The stand-in's rule: what the app asks of it and it lacks fails loudly
 * (throws, and is reported to the test), never returns undefined in silence.
 */
import { describe, expect, it } from 'vitest';

import { strict } from './standin/report';

describe('the stand-in electron fails loudly on what it lacks', () => {
  const tray = strict('Tray', { setToolTip: (_text: string) => undefined });

  it('throws naming the missing API', () => {
    expect(() => (tray as unknown as Record<string, unknown>).setTitle).toThrow(
      'electron stand-in: Tray.setTitle is not implemented',
    );
  });

  it('still answers what it has, and the checks promises and inspection make', async () => {
    expect(typeof tray.setToolTip).toBe('function');
    expect((tray as unknown as Record<string, unknown>).then).toBeUndefined();
    await expect(Promise.resolve(tray)).resolves.toBe(tray);
    expect(String(Symbol.iterator in tray)).toBe('false');
  });
});
