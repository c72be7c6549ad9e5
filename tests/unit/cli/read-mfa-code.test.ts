import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readMfaCode } from '../../../electron/cli/read-mfa-code';
import { InputError } from '../../../shared/input-error';

const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

function pipe(text: string | undefined): PassThrough {
  const input = new PassThrough();
  if (text !== undefined) input.end(text);
  return input;
}

describe('readMfaCode', () => {
  it('reads one line per code from a pipe, in order', async () => {
    const input = pipe('123456\r\n654321\n');
    const output = new PassThrough();
    await expect(readMfaCode(SERIAL, { input, output })).resolves.toBe('123456');
    await expect(readMfaCode(SERIAL, { input, output })).resolves.toBe('654321');
    expect(output.read()).toBeNull(); // no prompt on a pipe
  });

  it('takes a last line without a newline, and trims spaces around it', async () => {
    await expect(
      readMfaCode(SERIAL, { input: pipe(' 012345 '), output: new PassThrough() }),
    ).resolves.toBe('012345');
  });

  it('answers a first line that arrives before the pipe closes', async () => {
    const input = pipe(undefined);
    const code = readMfaCode(SERIAL, { input, output: new PassThrough() });
    input.write('111');
    input.write('222\nmore');
    await expect(code).resolves.toBe('111222');
    input.end();
  });

  it('refuses an empty stdin with a one-line error that says how to give the code', async () => {
    const error = await readMfaCode(SERIAL, { input: pipe(''), output: new PassThrough() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `--mfa-code: no MFA code for ${SERIAL}; pass --mfa-code CODE, type it at the prompt, or pipe it on stdin`,
    );
  });

  it('gives up on a pipe left open with nothing in it, in one line', async () => {
    const input = new PassThrough(); // open, silent: `ssh host switchyard …`, a CI step
    const error = await readMfaCode(SERIAL, {
      input,
      output: new PassThrough(),
      waitMs: 50,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/arrived on stdin within 50 ms; pass --mfa-code CODE/);
    expect((error as Error).message).not.toMatch(/\n/);
    input.end();
  });

  it('checks the code and never repeats it', async () => {
    const error = await readMfaCode(SERIAL, {
      input: pipe('98765x\n'),
      output: new PassThrough(),
    }).then(
      () => new Error('no error'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/^--mfa-code: is not exactly 6 digits/);
    expect(error.message).not.toContain('98765x');
  });

  it('prompts on stderr when stdin is a terminal', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => {
      shown += chunk.toString();
      if (shown.includes('MFA code')) input.write('246810\n');
    });
    await expect(readMfaCode(SERIAL, { input, output })).resolves.toBe('246810');
    expect(shown).toContain(`switchyard: MFA code for ${SERIAL}: `);
  });
});
