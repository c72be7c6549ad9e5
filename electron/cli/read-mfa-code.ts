import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { inputError } from '../../shared/check-text';
import { checkMfaCode } from '../../shared/validate';

export interface MfaCodeStreams {
  readonly input: Readable & { isTTY?: boolean };
  /** Where the prompt goes: stderr, so stdout stays the command's output. */
  readonly output: Writable;
  /** How long a pipe may stay open without giving a line; 60 s by default. */
  readonly waitMs?: number;
}

/** A pipe left open with nothing in it (`ssh host switchyard …`, a CI step) must not hang the command. */
const PIPE_WAIT_MS = 60_000;

const FIELD = '--mfa-code';

/** What is left of a piped stdin after the lines already taken, so a second code reads the second line. */
const leftovers = new WeakMap<Readable, { text: string; ended: boolean }>();

/** The next line of a non-interactive stdin; '' once it is exhausted; undefined if none came in time. */
function nextLine(input: Readable, waitMs: number): Promise<string | undefined> {
  const state = leftovers.get(input) ?? { text: '', ended: false };
  leftovers.set(input, state);
  const take = (): string => {
    const end = state.text.indexOf('\n');
    const line = end === -1 ? state.text : state.text.slice(0, end);
    state.text = end === -1 ? '' : state.text.slice(end + 1);
    return line.replace(/\r$/, '');
  };
  if (state.text.includes('\n') || state.ended) return Promise.resolve(take());
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer);
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', reject);
      input.pause();
    };
    const finish = (): void => {
      stop();
      resolve(take());
    };
    const timer = setTimeout(() => {
      stop();
      resolve(undefined);
    }, waitMs);
    const onData = (chunk: Buffer | string): void => {
      state.text += chunk.toString();
      if (state.text.includes('\n')) finish();
    };
    const onEnd = (): void => {
      state.ended = true;
      finish();
    };
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', reject);
  });
}

function prompt(streams: MfaCodeStreams, question: string): Promise<string> {
  const rl = createInterface({ input: streams.input, output: streams.output, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
    // Ctrl-D at the prompt: no code.
    rl.once('close', () => {
      if (!answered) resolve('');
    });
  });
}

/**
 * The MFA code when --mfa-code was not given: asked for on the terminal, or
 * read as one line from stdin when that is a pipe (`echo 123456 | switchyard …`),
 * so the code need not sit in the command line. No code at all is a one-line
 * InputError.
 */
export async function readMfaCode(
  serial: string,
  streams: MfaCodeStreams = { input: process.stdin, output: process.stderr },
): Promise<string> {
  const waitMs = streams.waitMs ?? PIPE_WAIT_MS;
  const text =
    streams.input.isTTY === true
      ? await prompt(streams, `switchyard: MFA code for ${serial}: `)
      : await nextLine(streams.input, waitMs);
  if (text === undefined) {
    throw inputError(
      FIELD,
      `no MFA code for ${serial} arrived on stdin within ${waitMs >= 1000 ? `${Math.round(waitMs / 1000)} s` : `${waitMs} ms`}`,
      'pass --mfa-code CODE, type it at the prompt, or pipe it on stdin',
    );
  }
  if (text.trim() === '') {
    throw inputError(
      FIELD,
      `no MFA code for ${serial}`,
      'pass --mfa-code CODE, type it at the prompt, or pipe it on stdin',
    );
  }
  return checkMfaCode(text.trim(), FIELD);
}
