import { ms, row, section } from './harness.mjs';

/** Rows 6 and 7: Identity Center sync and refresh at 50 ms portal latency. */
export async function ssoRows({ script, plan, results }) {
  const s = (results.ssoSync = await section(script, 'sso-sync', {
    accounts: 1000,
    roles: 3,
    latencyMs: 50,
    runs: plan.ssoSyncRuns,
  }));
  const runs = s.syncMs.map((x) => ms(x)).join(', ');
  row(
    '6 sso sync',
    `1,000 accounts × 3 roles at 50 ms portal latency: ${s.calls} calls, concurrency ${s.concurrency} (bound ${ms(s.boundMs)}; runs ${runs})`,
    '≤ 1.3 × bound',
    `${ms(s.medianMs)} (${s.ratio.toFixed(2)} × bound)`,
    s.ratio <= 1.3,
  );
  row(
    '6 sso sync',
    `  most calls in flight at the portal / 429s`,
    `≤ ${s.concurrency} / 0`,
    `${s.maxInFlight} / ${s.throttled}`,
    s.maxInFlight <= s.concurrency && s.throttled === 0,
  );
  const r = (results.ssoRefresh = await section(script, 'sso-refresh', {
    roles: 300,
    latencyMs: 50,
    concurrency: 10,
    runs: plan.ssoSyncRuns,
  }));
  row(
    '7 sso refresh',
    `one round refreshing 300 Identity Center roles at 50 ms portal latency, concurrency ${r.concurrency} (bound ${ms(r.boundMs)}; runs ${r.roundMs.map((x) => ms(x)).join(', ')})`,
    '≤ 1.2 × bound',
    `${ms(r.medianMs)} (${r.ratio.toFixed(2)} × bound)`,
    r.ratio <= 1.2,
  );
  row(
    '7 sso refresh',
    `  credentials-file writes per round / most calls in flight`,
    `1 / ≤ ${r.concurrency}`,
    `${r.writes} / ${r.maxInFlight}`,
    r.writes === 1 && r.maxInFlight <= r.concurrency,
  );
}

/** Row 9: a busy year's audit trail on disk, appends and reads. */
export async function auditRows({ script, results }) {
  const a = (results.audit = await section(script, 'audit', { roles: 25 }));
  const mb = (x) => `${(x / 1_048_576).toFixed(1)} MB`;
  row(
    '9 audit',
    `a busy year: ${a.roles} roles refreshed every 50 min, 10 h a day, 260 days, + 40 other events a day (${a.lines.toLocaleString('en')} lines; ${mb(a.rawBytes)} as plain JSON lines); on disk after the monthly gzip (${a.files} files)`,
    '≤ 5 MB',
    mb(a.diskBytes),
    a.diskBytes <= 5 * 1_048_576,
  );
  row(
    '9 audit',
    `  one append (median / p99)`,
    '—',
    `${a.appendMedianUs.toFixed(0)} µs / ${a.appendP99Us.toFixed(0)} µs`,
  );
  row(
    '9 audit',
    `  \`audit --since 7d\` read (${a.weekRecords} records) / the whole year (${a.allRecords.toLocaleString('en')})`,
    '—',
    `${ms(a.readWeekMs)} / ${ms(a.readAllMs)}`,
  );
}
