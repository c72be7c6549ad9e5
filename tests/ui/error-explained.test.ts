import { describe, expect, it } from 'vitest';
import type { SessionManager } from '../../electron/core/session/session-manager';
import type { StsFault } from '../support/fault-sts-server';
import { requireTool } from '../support/tools';
import { option } from './support/list-helpers';
import { roleForm } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');
const LOCKED = 'arn:aws:iam::210987654321:role/Locked';
const CALLER = 'arn:aws:iam::123456789012:user/dev';

function idOf(engine: SessionManager, label: string): string {
  return engine.snapshot().roles.find((view) => view.role.label === label)!.role.id;
}

describe.skipIf(!chromium.available)(`errors that say what to do ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it("AccessDenied names the trust policy, copies a message for the admin, keeps AWS's message a key away", async () => {
    ui.sts.configureRole(LOCKED, { deny: true });
    const { page, bridge } = await ui.open({
      setup: async (engine) => {
        await engine.addRole({ ...roleForm('Locked'), roleArn: LOCKED });
        await engine.activate(idOf(engine, 'Locked'));
      },
    });
    await page.getByRole('combobox').fill('locked');
    const box = page.getByTestId('role-error');
    expect(await box.locator('.error-sentence').textContent()).toBe(
      `The trust policy of role Locked does not let ${CALLER} assume it (or the role does not exist).`,
    );
    expect(await box.locator('.error-fix').textContent()).toMatch(/^Ask the role's admin/);
    const aws = page.getByTestId('aws-message');
    expect(await aws.isVisible()).toBe(false);

    // AWS's own message: one Tab-reachable button, Enter shows it, the button says it is open.
    const show = box.getByRole('button', { name: 'Show AWS’s message' });
    await show.focus();
    await page.keyboard.press('Enter');
    expect(await aws.isVisible()).toBe(true);
    expect(await aws.textContent()).toMatch(
      /^AccessDenied: User: .* is not authorized .*sts:AssumeRole/,
    );
    expect(
      await box.getByRole('button', { name: 'Hide AWS’s message' }).getAttribute('aria-expanded'),
    ).toBe('true');

    await box.getByRole('button', { name: 'Copy your ARN for the admin' }).click();
    await expect.poll(() => bridge.log.clipboard.length).toBe(1);
    expect(bridge.log.clipboard[0]).toBe(
      `Please allow ${CALLER} to assume ${LOCKED} (add it to the role's trust policy). AWS said: ${await aws.textContent()}`,
    );
    expect(await page.getByRole('status').textContent()).toMatch(
      /^Copied your ARN and Locked's ARN/,
    );

    // The footer says the same sentence when a verb needed the role live.
    await page.getByRole('button', { name: 'Copy export' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe(
        `Locked could not be activated, so nothing was copied: The trust policy of role Locked does not let ${CALLER} assume it (or the role does not exist).`,
      );
  });

  const faults: [string, StsFault, Record<string, unknown>, RegExp, string | undefined][] = [
    [
      'ExpiredToken',
      {
        kind: 'error',
        code: 'ExpiredToken',
        message: 'The security token included in the request is expired',
      },
      {},
      /^The temporary keys of profile source have expired\.$/,
      undefined,
    ],
    [
      'ExpiredToken on an MFA source',
      {
        kind: 'error',
        code: 'ExpiredToken',
        message: 'The security token included in the request is expired',
      },
      { mfaSerial: 'arn:aws:iam::123456789012:mfa/switchyard-test' },
      /^The MFA session of profile source has expired\.$/,
      'Re-enter MFA code',
    ],
    [
      'InvalidClientTokenId',
      {
        kind: 'error',
        code: 'InvalidClientTokenId',
        status: 403,
        message: 'The security token included in the request is invalid.',
      },
      {},
      /^The access key is wrong or was deleted \(profile source\)\.$/,
      undefined,
    ],
    [
      'RegionDisabledException',
      {
        kind: 'error',
        code: 'RegionDisabledException',
        status: 403,
        message:
          'STS is not activated in this region for account:210987654321. Your account administrator can activate STS in this region using the IAM Console.',
      },
      { region: 'ap-east-1' },
      /^STS is not enabled in ap-east-1 for this account\.$/,
      'Pick another region',
    ],
    [
      'clock skew',
      {
        kind: 'error',
        code: 'SignatureDoesNotMatch',
        status: 403,
        message:
          'Signature expired: 20261206T170000Z is now earlier than 20261206T171500Z (20261206T172000Z - 15 min.)',
      },
      {},
      /^This computer’s clock is 20 minutes behind, so AWS refused the request\.$/,
      undefined,
    ],
  ];

  it.each(faults)(
    '%s from STS becomes a sentence and a fix',
    async (_name, fault, extra, sentence, action) => {
      ui.sts.setDefaultFault(fault, 'AssumeRole');
      const { page } = await ui.open({
        setup: async (engine) => {
          await engine.addRole(roleForm('Broken', extra));
          await engine.activate(idOf(engine, 'Broken'));
        },
      });
      await page.getByRole('combobox').fill('broken');
      const row = option(page, 'Broken');
      if (extra.mfaSerial) {
        // The MFA session is made first: enter a code (the sixth digit submits;
        // pressing Enter on the field could wait for a prompt already gone),
        // then STS refuses the expired token.
        const input = page.getByRole('form', { name: 'MFA code' }).getByRole('textbox');
        await input.fill(ui.sts.mfa!.code);
      }
      await expect.poll(() => row.getAttribute('class')).toContain('state-error');
      const box = page.getByTestId('role-error');
      expect(await box.locator('.error-sentence').textContent()).toMatch(sentence);
      expect(await box.locator('.error-fix').textContent()).not.toBe('');
      if (action) expect(await box.getByRole('button', { name: action }).isVisible()).toBe(true);
      expect(await page.getByTestId('aws-message').textContent()).toContain(
        fault.kind === 'error' ? fault.code : '',
      );
    },
  );

  it('"Pick another region" opens the role\'s form', async () => {
    ui.sts.setDefaultFault(
      {
        kind: 'error',
        code: 'RegionDisabledException',
        status: 403,
        message: 'STS is not activated in this region',
      },
      'AssumeRole',
    );
    const { page } = await ui.open({
      setup: async (engine) => {
        await engine.addRole(roleForm('Far', { region: 'ap-east-1' }));
        await engine.activate(idOf(engine, 'Far'));
      },
    });
    await page.getByRole('combobox').fill('far');
    await page.getByRole('button', { name: 'Pick another region' }).click();
    await expect.poll(() => page.getByRole('form', { name: /Edit/ }).count()).toBe(1);
  });
});
