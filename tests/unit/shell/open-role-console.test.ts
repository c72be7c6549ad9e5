import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { openRoleConsole, openRoleConsoleAt } from '../../../electron/main/open-role-console';
import {
  DEFAULT_SETTINGS,
  type RoleEntry,
  type Settings,
  type Snapshot,
} from '../../../shared/model';
import { createStandInBrowsers, type StandInBrowsers } from '../../support/stand-in-browser';

const PAGE = 'https://signin.aws.amazon.com/switchrole?account=210987654321&roleName=ops';
const LOGIN = `https://signin.aws.amazon.com/federation?Action=login&Issuer=switchyard&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=TOKEN-THAT-MUST-STAY-OUT`;

let browsers: StandInBrowsers;
let config: string;
beforeAll(() => {
  browsers = createStandInBrowsers();
  config = mkdtempSync(join(tmpdir(), 'switchyard-tray-console-'));
  vi.stubEnv('SWITCHYARD_CONFIG_DIR', config);
  vi.stubEnv('BROWSER_LOG', browsers.log);
});
afterAll(() => {
  vi.unstubAllEnvs();
  browsers.cleanup();
  rmSync(config, { recursive: true, force: true });
});

function engineWith(role: Partial<RoleEntry>, settings: Partial<Settings> = {}, url = PAGE) {
  let current: Snapshot = {
    roles: [
      {
        role: {
          id: 'ops',
          label: 'Ops',
          roleArn: 'arn:aws:iam::210987654321:role/ops',
          profile: 'ops',
          source: { kind: 'default' },
          tags: [],
          ...role,
        },
        state: 'active',
        isDefault: false,
        chained: false,
      },
    ],
    mfaPrompts: [],
    signInPrompts: [],
    settings: { ...DEFAULT_SETTINGS, ...settings },
    refresher: { active: true },
  };
  return {
    snapshot: () => current,
    consoleUrl: vi.fn(async () => url),
    // The role is live: nothing to activate first.
    activate: vi.fn(async () => undefined),
    subscribe: vi.fn(() => () => undefined),
    updateSettings: vi.fn(async (patch: Partial<Settings>) => {
      current = { ...current, settings: { ...current.settings, ...patch } };
      return current.settings;
    }),
  };
}

describe('the tray opens a role console where the role says', () => {
  it('the system browser (no setting) through the shell, as before', async () => {
    const shell = { openAwsUrl: vi.fn(async () => undefined) };
    await openRoleConsole(engineWith({}), shell, 'ops', 'switch-role');
    expect(shell.openAwsUrl).toHaveBeenCalledWith(PAGE);
  });

  it("the role's browser with its own profile folder; a sign-in link only as a loopback redirect", async () => {
    browsers.reset();
    const shell = { openAwsUrl: vi.fn(async () => undefined) };
    const program = browsers.add('tray-chromium');
    const engine = engineWith({ console: { browser: program } }, {}, LOGIN);
    await openRoleConsole(engine, shell, 'ops', 'federated');
    const [run] = await browsers.runs(1);
    expect(shell.openAwsUrl).not.toHaveBeenCalled();
    expect(run!.argv[0]).toBe(`--user-data-dir=${join(config, 'browser-profiles', 'ops')}`);
    expect(run!.page).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(run!.status).toBe(303);
    expect(JSON.stringify(run!.argv)).not.toContain('TOKEN-THAT-MUST-STAY-OUT');
    expect(statSync(join(config, 'browser-profiles', 'ops')).mode & 0o777).toBe(0o700);
  });

  it('"Open in…" uses the settings default and puts the service first in the recent list', async () => {
    browsers.reset();
    const shell = { openAwsUrl: vi.fn(async () => undefined) };
    const program = browsers.add('default-firefox');
    const engine = engineWith(
      {},
      { consoleBrowser: { browser: program }, recentServices: ['s3', 'ec2'] },
    );
    await openRoleConsoleAt(engine, shell, 'ops', 'switch-role', 'ec2');
    expect(engine.consoleUrl).toHaveBeenCalledWith('ops', 'switch-role', { service: 'ec2' });
    const [run] = await browsers.runs(1);
    expect(run!.argv[0]).toMatch(/^ext\+container:name=Ops&color=toolbar&icon=briefcase&url=/);
    expect(engine.snapshot().settings.recentServices).toEqual(['ec2', 's3']);
  });
});
