/**
 * What the docs show, from the real app (the built main, preload and renderer
 * in the stand-in, not the UI tests' bridge): the screenshots (refreshed in
 * docs/screenshots with SWITCHYARD_DOC_SCREENSHOTS=1), and with
 * SWITCHYARD_STANDIN_BENCH=1 the launch benchmark row: main process start,
 * engine start and first render with 500 roles. Figures are printed and
 * written to test-results, never asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { repoRoot } from '../support/run-cli';
import {
  problems,
  startAppFixture,
  type AppFixture,
  type CatalogRole,
} from './harness/app-fixture';
import type { StandinEvent } from './standin/report';
import { inPage, popup, until, standinSkipReason } from './support';

const skip = standinSkipReason();
const ARTIFACTS = join(repoRoot, 'test-results', 'screenshots', 'standin');
const DOCS = join(repoRoot, 'docs', 'screenshots');
const BENCH_RUNS = 3;
const BENCH_ROLES = 500;

const CATALOG: CatalogRole[] = [
  {
    label: 'Prod admin',
    roleArn: 'arn:aws:iam::210987654321:role/Admin',
    profile: 'prod-admin',
    group: 'prod',
    color: 'f2b0a9',
  },
  {
    label: 'Prod read-only',
    roleArn: 'arn:aws:iam::210987654321:role/ReadOnly',
    profile: 'prod-ro',
    group: 'prod',
    color: 'b7ca9d',
  },
  {
    label: 'Staging dev',
    roleArn: 'arn:aws:iam::345678901234:role/Developer',
    profile: 'staging-dev',
    group: 'staging',
    color: '83d4e8',
  },
  { label: 'Billing', roleArn: 'arn:aws:iam::456789012345:role/BillingViewer', profile: 'billing' },
  {
    label: 'Sandbox',
    roleArn: 'arn:aws:iam::456789012345:role/Sandbox',
    profile: 'sandbox',
    color: 'efda95',
  },
];

async function shoot(fx: AppFixture, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await fx.app.command('page-screenshot', { dir: ARTIFACTS, name });
  if (process.env.SWITCHYARD_DOC_SCREENSHOTS === '1') {
    await fx.app.command('page-screenshot', { dir: DOCS, name });
  }
}

/** Opens the popup with two sessions live, as the README's picture shows it. */
async function showList(fx: AppFixture): Promise<void> {
  for (const label of ['Prod admin', 'Staging dev']) {
    await inPage(fx.app, `window.switchyard.activate(${JSON.stringify(fx.roleIds[label])})`);
  }
  await fx.app.command('tray-click');
  await until(
    () => popup(fx.app),
    (w) => w.visible,
    'popup shown',
  );
  await until(
    () =>
      inPage<number>(
        fx.app,
        `document.querySelectorAll('[role=option] [data-testid=countdown]').length`,
      ),
    (n) => n === 2,
    'two countdowns',
  );
}

function at(events: readonly StandinEvent[], kind: string): number {
  const event = events.find((candidate) => candidate.kind === kind);
  if (typeof event?.at !== 'number') throw new Error(`no ${kind} event`);
  return event.at;
}

describe.skipIf(skip !== '')(`docs from the real app ${skip}`, () => {
  let fx: AppFixture | undefined;

  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('the list, light', async () => {
    fx = await startAppFixture(CATALOG);
    await showList(fx);
    await shoot(fx, 'list');
    expect(problems(fx.app.events)).toEqual([]);
  }, 90_000);

  it('the list, dark', async () => {
    fx = await startAppFixture(CATALOG, { STANDIN_COLOR_SCHEME: 'dark' });
    await showList(fx);
    await shoot(fx, 'list-dark');
    expect(problems(fx.app.events)).toEqual([]);
  }, 90_000);

  it('the empty catalog', async () => {
    fx = await startAppFixture([]);
    await fx.app.command('tray-click');
    await until(
      () => popup(fx!.app),
      (w) => w.visible,
      'popup shown',
    );
    await fx.app.command('page-wait-text', { text: 'Add role' });
    await shoot(fx, 'empty');
    expect(problems(fx.app.events)).toEqual([]);
  }, 90_000);

  it.skipIf(process.env.SWITCHYARD_STANDIN_BENCH !== '1')(
    `launch → popup ready with ${BENCH_ROLES} roles (benchmark; SWITCHYARD_STANDIN_BENCH=1)`,
    async () => {
      const roles: CatalogRole[] = Array.from({ length: BENCH_ROLES }, (_, i) => ({
        label: `Role ${String(i).padStart(3, '0')}`,
        roleArn: `arn:aws:iam::${String(100000000000 + (i % 40))}:role/R${i}`,
        profile: `bench-${i}`,
        group: `team-${i % 12}`,
      }));
      const runs: Record<string, number>[] = [];
      for (let run = 0; run < BENCH_RUNS; run += 1) {
        fx = await startAppFixture(roles);
        const rendered = await fx.app.command<number>('page-wait-text', { text: 'Role 000' });
        const { events, startedAt } = fx.app;
        runs.push({
          mainStart: at(events, 'standin-loaded') - startedAt,
          ready: at(events, 'app-ready') - startedAt,
          engineStart: at(events, 'tray-created') - startedAt,
          pageLoaded: at(events, 'did-finish-load') - startedAt,
          firstRender: rendered - startedAt,
        });
        await fx.close();
        fx = undefined;
      }
      const median = (key: string): number => {
        const sorted = runs.map((r) => r[key] ?? 0).sort((a, b) => a - b);
        return sorted[Math.floor(sorted.length / 2)] ?? 0;
      };
      const keys = ['mainStart', 'ready', 'engineStart', 'pageLoaded', 'firstRender'];
      const summary = Object.fromEntries(keys.map((key) => [key, median(key)]));
      mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
      writeFileSync(
        join(repoRoot, 'test-results', 'standin-launch-bench.json'),
        JSON.stringify({ roles: BENCH_ROLES, runs, median: summary }, null, 2),
      );
      console.log(
        `launch → popup ready, ${BENCH_ROLES} roles, median of ${BENCH_RUNS} (ms from fork):`,
        summary,
      );
      expect(runs).toHaveLength(BENCH_RUNS);
    },
    300_000,
  );
});
