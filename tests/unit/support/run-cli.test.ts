import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runNode } from '../../support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

describe('runCli / runNode', () => {
  it('resolves the repository root and the CLI entry point', () => {
    expect(existsSync(join(repoRoot, 'package.json'))).toBe(true);
    expect(cliPath).toBe(join(repoRoot, 'bin', 'switchyard'));
  });

  it('passes args, input and exactly the given env; captures output and exit code', async () => {
    const echo = script(
      'echo.cjs',
      `let input = '';
       process.stdin.on('data', (d) => (input += d));
       process.stdin.on('end', () => {
         process.stdout.write(JSON.stringify({ args: process.argv.slice(2), input, only: process.env.ONLY, home: process.env.HOME ?? null, cwd: process.cwd() }));
         process.stderr.write('warned');
         process.exit(3);
       });`,
    );
    const result = await runNode(echo, ['--flag', 'two words'], {
      env: { ONLY: 'yes' },
      input: 'typed\n',
      cwd: dir,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('warned');
    expect(JSON.parse(result.stdout)).toEqual({
      args: ['--flag', 'two words'],
      input: 'typed\n',
      only: 'yes',
      home: null,
      cwd: dir,
    });
  });

  it('closes stdin when there is no input, so a prompt sees EOF', async () => {
    const prompt = script(
      'prompt.cjs',
      `process.stdin.resume(); process.stdin.on('end', () => console.log('eof'));`,
    );
    const result = await runNode(prompt, [], { env: {}, timeoutMs: 5_000 });
    expect(result).toMatchObject({ code: 0, stdout: 'eof\n' });
  });

  it('kills the child and rejects on timeout', async () => {
    const hang = script('hang.cjs', `console.log('started'); setInterval(() => {}, 1000);`);
    const t0 = Date.now();
    await expect(runNode(hang, [], { env: {}, timeoutMs: 500 })).rejects.toThrow(
      /timed out after 500 ms[\s\S]*started/,
    );
    expect(Date.now() - t0).toBeLessThan(3_000);
  });
});
