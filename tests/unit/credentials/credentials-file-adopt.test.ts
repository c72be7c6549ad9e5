import { describe, expect, it } from 'vitest';
import { managedLines, putChange, setupFiles } from './helpers/credentials-setup';
import { useTempDirs } from './helpers/temp-dirs';

const tempDir = useTempDirs();

/** A profile the user set up by hand: settings, a nested block, comments, no keys. */
const USER_SECTION = [
  '[dev]   # my sandbox',
  '# region for the sandbox',
  'region = eu-west-1',
  'output=json',
  's3 =',
  '    max_concurrent_requests = 20',
  '    multipart_threshold = 64MB',
  '; cli_pager =',
  'cli_pager:',
];
const INPUT = [
  '# top',
  '[other]',
  'region = us-east-1',
  '',
  ...USER_SECTION,
  '',
  '[last]',
  'k = v',
  '',
].join('\r\n');

describe('CredentialsFile: a section Switchyard adopted', () => {
  it("keeps the user's lines byte for byte through write, rewrite and remove", async () => {
    const setup = await setupFiles(await tempDir(), { credentials: INPUT });

    await setup.file.apply([putChange('dev', 'a')]);
    const written = await setup.read();
    // Our keys go after the user's last key; every user line is still there, in order.
    const devStart = written.indexOf('[dev]');
    const devBody = written.slice(devStart, written.indexOf('[last]')).split('\r\n');
    expect(devBody).toEqual([...USER_SECTION, ...managedLines('a'), '', '']);
    expect(written.slice(0, devStart)).toBe(INPUT.slice(0, INPUT.indexOf('[dev]')));

    // A refresh replaces only our values, in place.
    await setup.file.apply([putChange('dev', 'b')]);
    expect(await setup.read()).toBe(
      written.replace(managedLines('a').join('\r\n'), managedLines('b').join('\r\n')),
    );

    // Deactivating (or expiry) takes out our keys and nothing else.
    const result = await setup.file.apply([{ type: 'remove', profile: 'dev' }]);
    expect(result).toEqual({ written: true, applied: ['dev'], rejected: [] });
    expect(await setup.read()).toBe(INPUT);
    expect(await setup.file.listManaged()).toEqual([]);
  });

  it('removes a section it created whole, header and separating blank line included', async () => {
    const setup = await setupFiles(await tempDir(), { credentials: '[a]\nk = 1\n' });
    await setup.file.apply([putChange('dev', 'a')]);
    await setup.file.apply([{ type: 'remove', profile: 'dev' }]);
    expect(await setup.read()).toBe('[a]\nk = 1\n');
  });

  it('keeps a comment the user added to a section Switchyard created, with its header', async () => {
    const setup = await setupFiles(await tempDir(), {});
    await setup.file.apply([putChange('dev', 'a')]);
    const text = (await setup.read()).replace('[dev]\n', '[dev]\n# keep me\n');
    const edited = await setupFiles(setup.dir, { credentials: text });
    await edited.file.apply([{ type: 'remove', profile: 'dev' }]);
    expect(await edited.read()).toBe('[dev]\n# keep me\n');
  });
});
