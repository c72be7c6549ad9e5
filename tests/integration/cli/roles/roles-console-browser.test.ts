import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoleEntry } from '../../../../shared/model';
import { createTempAwsHome, type TempAwsHome } from '../../../support/temp-aws-home';
import { addRole, arn, expectJson, expectOneLineError, switchyard } from './roles-cli';

let home: TempAwsHome;
beforeEach(() => {
  home = createTempAwsHome();
});
afterEach(() => home.cleanup());

describe('where a role console opens, from the command line', () => {
  it('sets, changes and clears the console browser of a role', async () => {
    const role = await addRole(home, [
      '--label',
      'Prod',
      '--role-arn',
      arn('Prod'),
      '--profile',
      'prod',
      '--console-browser',
      'Chrome',
      '--chromium-profile',
      'Profile 1',
    ]);
    expect(role.console).toEqual({ browser: 'chrome', profileDirectory: 'Profile 1' });

    const edited = expectJson<RoleEntry>(
      await switchyard(home, [
        'roles',
        'edit',
        'Prod',
        '--console-browser',
        'firefox-container',
        '--json',
      ]),
    );
    expect(edited.console).toEqual({ browser: 'firefox-container' });

    const cleared = expectJson<RoleEntry>(
      await switchyard(home, ['roles', 'edit', 'Prod', '--clear', 'console-browser', '--json']),
    );
    expect(cleared.console).toBeUndefined();
  });

  it('refuses a profile folder without a Chromium-family browser, in one line', async () => {
    await addRole(home, ['--label', 'Prod', '--role-arn', arn('Prod'), '--profile', 'prod']);
    expectOneLineError(
      await switchyard(home, ['roles', 'edit', 'Prod', '--chromium-profile', 'Work']),
      2,
      /--chromium-profile goes with --console-browser/,
    );
    expectOneLineError(
      await switchyard(home, [
        'roles',
        'edit',
        'Prod',
        '--console-browser',
        'firefox-container',
        '--chromium-profile',
        'Work',
      ]),
      2,
      /a profile directory goes with a Chromium-family browser/,
    );
    expectOneLineError(
      await switchyard(home, ['roles', 'edit', 'Prod', '--console-browser', 'netscape']),
      2,
      /--console-browser/,
    );
  });
});
