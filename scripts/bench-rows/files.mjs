import { median, ms, row, section } from './harness.mjs';

/** Row 3: the credentials editor on files of 50 to 5,000 profiles. */
export async function editorRows({ script, plan, results }) {
  results.editor = [];
  for (const profiles of plan.editorProfiles) {
    const e = await section(script, 'editor', { profiles, runs: plan.editorRuns });
    results.editor.push(e);
    const size = `${(e.fileBytes / 1024).toFixed(0)} KiB`;
    const one = median(e.updateOneMs);
    const batch = median(e.updateBatchMs);
    const target = profiles === 5000;
    row(
      '3 editor',
      `update 1 profile, file of ${profiles} (${size}) last written > 100 ms before`,
      target ? '< 20 ms' : '(scaling)',
      ms(one),
      target ? one < 20 : undefined,
    );
    row(
      '3 editor',
      `  the same, back to back (file written moments before: two reads)`,
      '—',
      ms(median(e.updateOneBackToBackMs)),
    );
    row(
      '3 editor',
      `update ${e.batchSize} in one batch, file of ${profiles}`,
      target ? '< 60 ms' : '(scaling)',
      ms(batch),
      target ? batch < 60 : undefined,
    );
    row('3 editor', `  the same, back to back`, '—', ms(median(e.updateBatchBackToBackMs)));
    row(
      '3 editor',
      `  of which in memory (parse + plan + edit): 1 / ${e.batchSize}`,
      '—',
      `${ms(median(e.inMemoryOneMs))} / ${ms(median(e.inMemoryBatchMs))}`,
    );
    row(
      '3 editor',
      `  disk floor: plain write + fsync + rename, same bytes`,
      '—',
      ms(median(e.rawWriteMs)),
    );
    if (target) {
      row(
        '3 editor',
        `memory, file of ${profiles}: RSS / heap used / peak RSS (RSS before: ${e.baselineRssMb} MB)`,
        '—',
        `${e.rssMb} / ${e.heapUsedMb} / ${e.maxRssMb} MB`,
      );
    }
  }
}

/** Row 3: importing a `~/.aws/config` of many role profiles. */
export async function importRows({ script, plan, results }) {
  results.import = [];
  for (const profiles of plan.importProfiles) {
    const m = await section(script, 'import', { profiles, runs: plan.importRuns });
    results.import.push(m);
    row(
      '3 import',
      `~/.aws/config of ${profiles} role profiles: preview / apply (${m.added} added)`,
      '—',
      `${ms(median(m.planMs))} / ${ms(median(m.applyMs))}`,
    );
    row(
      '3 import',
      `  imported again, every role changed: preview / apply (${m.updated} updated)`,
      '—',
      `${ms(median(m.replanMs))} / ${ms(median(m.reapplyMs))}`,
    );
  }
}

/** Row 8: syncing a team catalog subscription of 2,000 roles. */
export async function subscriptionRows({ script, plan, results }) {
  const s = (results.subscription = await section(script, 'subscription', {
    roles: 2000,
    runs: plan.importRuns,
  }));
  const kb = Math.round(s.fileBytes / 1024);
  row(
    '8 subscription',
    `sync of a 2,000-role subscription (${kb} KiB, loopback http): first sync, every role added`,
    '< 1 s',
    ms(median(s.firstMs)),
    median(s.firstMs) < 1000,
  );
  row(
    '8 subscription',
    `  every role changed upstream (merged with user touches) / unchanged (304)`,
    '< 1 s',
    `${ms(median(s.changedMs))} / ${ms(median(s.unchangedMs))}`,
    median(s.changedMs) < 1000,
  );
}
