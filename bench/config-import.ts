/**
 * Importing ~/.aws/config: a config of N role profiles (each with role_arn and
 * source_profile, as SSO or account-vending tools write them), planned
 * (parse, build the roles, check each against the catalog: the preview) and
 * applied to a real catalog file (one checked write), into an empty catalog and
 * again with every role already imported (the re-import, all updates).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CatalogStore } from '../electron/core/catalog/catalog-store';
import { applyConfigImport, planConfigImport } from '../electron/core/catalog/import-aws-config';
import { median, note } from './stats';

export interface ImportResult {
  profiles: number;
  configBytes: number;
  planMs: number[];
  applyMs: number[];
  /** The same config again, its region changed: every role an update. */
  replanMs: number[];
  reapplyMs: number[];
  added: number;
  updated: number;
}

function configText(profiles: number, region: string): string {
  const parts = ['[profile login]\nregion = us-east-1\n'];
  for (let i = 0; i < profiles; i++) {
    const account = String(100_000_000_000 + i * 7919).padStart(12, '0');
    parts.push(
      `[profile acct-${i}]\nrole_arn = arn:aws:iam::${account}:role/Admin\n` +
        `source_profile = login\nregion = ${region}\n`,
    );
  }
  return parts.join('\n');
}

export function benchImport(profiles: number, runs: number): ImportResult {
  const first = configText(profiles, 'eu-west-1');
  const second = configText(profiles, 'eu-central-1');
  const result: ImportResult = {
    profiles,
    configBytes: Buffer.byteLength(first),
    planMs: [],
    applyMs: [],
    replanMs: [],
    reapplyMs: [],
    added: 0,
    updated: 0,
  };
  for (let run = 0; run < runs; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-import-'));
    try {
      const store = CatalogStore.open({ dir });
      let start = performance.now();
      const plan = planConfigImport(first, store.list());
      result.planMs.push(performance.now() - start);
      start = performance.now();
      result.added = applyConfigImport(store, plan).added.length;
      result.applyMs.push(performance.now() - start);

      start = performance.now();
      const again = planConfigImport(second, store.list());
      result.replanMs.push(performance.now() - start);
      start = performance.now();
      result.updated = applyConfigImport(store, again).updated.length;
      result.reapplyMs.push(performance.now() - start);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  note(
    `import ${profiles}: plan ${median(result.planMs).toFixed(0)} ms, apply ${median(result.applyMs).toFixed(0)} ms, ` +
      `re-import ${median(result.replanMs).toFixed(0)} + ${median(result.reapplyMs).toFixed(0)} ms`,
  );
  return result;
}
