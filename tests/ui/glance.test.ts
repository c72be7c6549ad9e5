import { describe, expect, it } from 'vitest';
import type { SessionManager } from '../../electron/core/session/session-manager';
import { requireTool } from '../support/tools';
import { axeViolations } from './support/axe';
import { screenshot } from './support/browser';
import { activeLabel, option } from './support/list-helpers';
import { roleForm } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');
const MINUTE = 60_000;

function roleId(engine: SessionManager, label: string): string {
  const view = engine.snapshot().roles.find((r) => r.role.label === label);
  if (!view) throw new Error(`no role ${label}`);
  return view.role.id;
}

describe.skipIf(!chromium.available)(`state at a glance ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  /** Five roles in three accounts: one live, one refused by its trust policy, three off. */
  async function catalog(engine: SessionManager) {
    const add = (label: string, arn: string, extra: Record<string, unknown> = {}) =>
      engine.addRole({
        ...roleForm(label, { profile: label.toLowerCase().replace(/ /g, '-'), ...extra }),
        roleArn: arn,
      });
    await add('Prod admin', 'arn:aws:iam::210987654321:role/Admin', { group: 'prod' });
    await add('Prod read-only', 'arn:aws:iam::210987654321:role/ReadOnly', { group: 'prod' });
    await add('Billing', 'arn:aws:iam::456789012345:role/Billing', { tags: ['finance'] });
    await add('Sandbox', 'arn:aws:iam::456789012345:role/Sandbox');
    await add('Audit', 'arn:aws:iam::345678901234:role/Audit', { group: 'staging' });
    ui.sts.configureRole('arn:aws:iam::345678901234:role/Audit', { deny: true });
    await engine.activate(roleId(engine, 'Prod admin'));
    await engine.activate(roleId(engine, 'Audit')).catch(() => undefined);
  }

  it('sums up the list in a status line whose parts filter it, and pins live and failing roles', async () => {
    const { page, problems } = await ui.open({ setup: catalog });
    const line = page.getByRole('group', { name: 'At a glance' });
    await expect
      .poll(() => line.textContent())
      .toMatch(/^1 live·1 needs you·next expiry (59m|1h 00m)$/);

    // Pinned above the groups, each role once: the failure first, then the live role.
    expect(await page.locator('.group-header').allTextContents()).toEqual([
      'Pinned',
      '4567-8901-2345 · 2 roles',
      'prod · 1 role',
    ]);
    const shown = () => page.locator('[role=option] .role-label').allTextContents();
    expect(await shown()).toEqual(['Audit', 'Prod admin', 'Billing', 'Sandbox', 'Prod read-only']);
    await screenshot(page, 'glance', true);

    // The arrows walk the pinned section, then the groups.
    const search = page.getByRole('combobox', { name: 'Search roles' });
    await search.focus();
    expect(await activeLabel(page)).toBe('Audit');
    await page.keyboard.press('ArrowDown');
    expect(await activeLabel(page)).toBe('Prod admin');
    await page.keyboard.press('ArrowDown');
    expect(await activeLabel(page)).toBe('Billing');

    // Each part is a button putting its token in the search box, and taking it out again.
    const live = line.getByRole('button', { name: '1 live' });
    expect(await live.getAttribute('aria-pressed')).toBe('false');
    await live.click();
    expect(await search.inputValue()).toBe('is:live');
    expect(await live.getAttribute('aria-pressed')).toBe('true');
    expect(await shown()).toEqual(['Prod admin']);
    await live.click();
    expect(await search.inputValue()).toBe('');
    // By keyboard: from the search box, Tab reaches the parts.
    await search.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('1 needs you');
    await page.keyboard.press('Enter');
    expect(await search.inputValue()).toBe('is:needs');
    expect(await shown()).toEqual(['Audit']);

    // The expiry selects the live role that expires first.
    await search.fill('');
    await line.getByRole('button', { name: /^next expiry/ }).click();
    expect(await search.inputValue()).toBe('is:live');
    expect(await activeLabel(page)).toBe('Prod admin');

    // Tokens with free text; an unknown filter says so under the box.
    await search.fill('account:4567 tag:fin');
    expect(await shown()).toEqual(['Billing']);
    await search.fill('is:alive prod');
    const hint = page.locator('#search-hint');
    expect(await hint.textContent()).toMatch(/^is:alive is not a filter: use is:live, is:failed/);
    expect(await search.getAttribute('aria-describedby')).toBe('search-hint');
    await search.fill('is:failed');
    expect(await hint.count()).toBe(0);
    expect(await shown()).toEqual(['Audit']);
    expect(problems).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes axe-core with the status line, pinned rows, ↻ and the hint (${colorScheme})`, async () => {
      const { page } = await ui.open({ setup: catalog, colorScheme });
      await page.getByRole('group', { name: 'At a glance' }).waitFor();
      await page.getByRole('combobox', { name: 'Search roles' }).fill('is:alive');
      await page.locator('#search-hint').waitFor();
      // The list's rows and markup: roles' own aria is the keys helper's; here what glance adds.
      const found = await axeViolations(page);
      expect(found.filter((line) => /glance|search-hint|renew-mark|lapse-note/.test(line))).toEqual(
        [],
      );
    });
  }

  it('says plainly when nothing is live', async () => {
    const { page } = await ui.open({
      setup: (engine) => engine.addRole(roleForm('Solo')).then(() => undefined),
    });
    const line = page.getByRole('group', { name: 'At a glance' });
    expect(await line.textContent()).toBe('Nothing live');
    expect(await line.getByRole('button').count()).toBe(0);
    expect(await page.locator('.group-header').allTextContents()).toEqual([
      '2109-8765-4321 · 1 role',
    ]);
  });

  it('marks a renewing session ↻ and never amber; an MFA session says when it lapses, amber and pinned first near the end', async () => {
    const { page, engine } = await ui.open({
      setup: async (engine) => {
        await engine.addRole(roleForm('Alpha renews', { profile: 'alpha' }));
        await engine.addRole(
          roleForm('Beta MFA', { profile: 'beta', mfaSerial: ui.sts.mfa!.serial }),
        );
        await engine.activate(roleId(engine, 'Alpha renews'));
        await engine.activate(roleId(engine, 'Beta MFA'));
        await engine.submitMfaCode('profile:source', ui.sts.mfa!.code);
      },
      // The page's clock only: the engine keeps real time.
      beforeLoad: (page) => page.clock.install({ time: Date.now() }),
    });
    const mfa = engine.snapshot().roles.find((r) => r.role.label === 'Beta MFA')!;
    expect(mfa.renewal).toMatchObject({ kind: 'lapses', reason: 'mfa' });
    const lapsesAt = mfa.renewal!.kind === 'lapses' ? mfa.renewal!.at : 0;

    // The status line's expiry ticks with the page's clock.
    const expiry = page.getByRole('button', { name: /^next expiry/ });
    const before = await expiry.textContent();
    await page.clock.fastForward('02:00');
    await expect.poll(() => expiry.textContent()).not.toBe(before);

    const alpha = option(page, 'Alpha renews');
    expect(await alpha.getByRole('img', { name: 'renews itself' }).textContent()).toBe('↻');
    const note = option(page, 'Beta MFA').getByTestId('lapse-note');
    expect(await note.textContent()).toMatch(/^lapses \d\d:\d\d \(MFA\)$/);
    expect(await note.getAttribute('class')).not.toContain('tone-warning');
    const shown = () => page.locator('[role=option] .role-label').allTextContents();
    expect(await shown()).toEqual(['Alpha renews', 'Beta MFA']);

    // Inside the refresh margin a renewing session stays calm: it renews itself then.
    await page.clock.fastForward('48:30');
    const countdown = alpha.getByTestId('countdown');
    expect(await countdown.textContent()).toMatch(/^9m \d\ds$/);
    expect(await countdown.getAttribute('class')).not.toContain('tone-warning');

    // Five minutes before the MFA session's last credentials end: amber, and first.
    const now = await page.evaluate(() => Date.now());
    await page.clock.fastForward(lapsesAt - 5 * MINUTE - now);
    await expect.poll(() => note.getAttribute('class')).toContain('tone-warning');
    await expect.poll(shown).toEqual(['Beta MFA', 'Alpha renews']);
    await screenshot(page, 'expiring', true);
  });
});
