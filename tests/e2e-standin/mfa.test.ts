/**
 * The MFA round in the built app through the stand-in: two roles that need MFA
 * from one source identity ask for one code, in one prompt that takes the
 * caret; one code activates both, with a single GetSessionToken. The MFA
 * session is kept in the OS keychain: the app needs a Secret Service, which CI
 * provides (scripts/with-keyring.sh sets SWITCHYARD_SECRET_SERVICE=1).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { KeytarSecretStore } from '../../electron/core/secrets/keytar-secret-store';
import { mfaSessionAccount } from '../../electron/core/secrets/mfa-session-cache';
import { isCi } from '../support/tools';
import { problems, startAppFixture, type AppFixture } from './harness/app-fixture';
import { inPage, searchFocused, until, standinSkipReason } from './support';

const skip = standinSkipReason();
// A whole app per file and Chromium behind it: steps get more than the default 30 s on a loaded CI machine.
vi.setConfig({ testTimeout: 60_000 });
const keychain = process.env.SWITCHYARD_SECRET_SERVICE === '1';
const runnable = skip === '' && keychain;
const skipReason = skip
  ? skip
  : keychain
    ? ''
    : '(skipped: no Secret Service; run through scripts/with-keyring.sh)';

if (!keychain && isCi()) {
  describe('the MFA round in the built app', () => {
    it('needs a Secret Service under CI=true', () => {
      throw new Error('CI=true but SWITCHYARD_SECRET_SERVICE is not 1 (scripts/with-keyring.sh)');
    });
  });
}
const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/switchyard-test';
const MFA_CODE = '123456';
const ROLES = [
  {
    label: 'Secure admin',
    roleArn: 'arn:aws:iam::210987654321:role/SecureAdmin',
    profile: 'secure-admin',
  },
  {
    label: 'Secure audit',
    roleArn: 'arn:aws:iam::210987654321:role/SecureAudit',
    profile: 'secure-audit',
  },
].map((role) => ({ ...role, mfaSerial: MFA_SERIAL }));

const PROMPTS = `document.querySelectorAll('form[aria-label="MFA code"]').length`;
const WAITING = `window.switchyard
  .getSnapshot()
  .then((s) => s.roles.filter((r) => r.state === 'needs-mfa').length)`;
const CARET = `document.activeElement?.getAttribute('data-mfa-source') ?? null`;

describe.skipIf(!runnable)(`the MFA round in the built app ${skipReason}`, () => {
  let fx: AppFixture;

  beforeAll(async () => {
    fx = await startAppFixture(ROLES);
    for (const role of ROLES) fx.sts.configureRole(role.roleArn, { requireMfa: true });
  }, 90_000);

  afterAll(async () => {
    await fx?.close();
    // The app kept the MFA session in the keychain: take this run's item out again.
    if (fx) await new KeytarSecretStore().delete(mfaSessionAccount(`profile:${fx.sourceProfile}`));
  });

  it('one prompt, one code, one GetSessionToken for both roles', async () => {
    expect(fx.sts.mfa?.serial).toBe(MFA_SERIAL);
    await fx.app.command('tray-click');
    const [first, second] = ROLES;
    await searchFocused(fx.app);
    await fx.app.command('page-type', { text: first!.label });
    await fx.app.command('page-press', { key: 'Enter' });
    // The prompt appears and takes the caret, as the user's next keys are the code.
    await until(
      () => inPage(fx.app, CARET),
      (source) => source === `profile:${fx.sourceProfile}`,
      'caret in the prompt',
    );
    await fx.app.command('page-focus-search');
    await fx.app.command('page-type', { text: second!.label });
    await fx.app.command('page-press', { key: 'Enter' });
    await until(
      () => inPage<number>(fx.app, WAITING),
      (n) => n === 2,
      'both roles wait on MFA',
    );
    expect(await inPage<number>(fx.app, PROMPTS)).toBe(1);
    // Each role that waits says so (the prompt itself is shared).
    const notes = fx.app.events.filter((e) => e.kind === 'notification');
    expect(notes.map((note) => note.title)).toEqual(
      ROLES.map((r) => expect.stringContaining(r.label)),
    );
    await until(
      () => inPage(fx.app, CARET),
      (source) => source === `profile:${fx.sourceProfile}`,
      'caret back in the prompt',
    );

    // The sixth digit submits the code; an Enter after it could land on a closed prompt.
    await fx.app.command('page-type', { text: MFA_CODE });
    await until(
      () => inPage<number>(fx.app, PROMPTS),
      (n) => n === 0,
      'prompt answered',
    );
    await until(
      () => fx.home.readCredentials(),
      (text) => ROLES.every((role) => text.includes(`[${role.profile}]`)),
      'both profiles written',
    );
    expect(fx.sts.count('GetSessionToken')).toBe(1);
    expect(problems(fx.app.events)).toEqual([]);
  });
});
