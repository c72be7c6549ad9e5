/**
 * Entry point of the benchmark bundle (built by scripts/bench.mjs). Each section runs
 * in a fresh process: `node main.mjs <section> '<json options>'`; the result is one
 * `BENCH_RESULT {…}` line on stdout, progress goes to stderr.
 */
import { benchAssume } from './assume-vs-seed';
import { benchAuditYear } from './audit-year';
import { benchImport } from './config-import';
import { benchEditor } from './credentials-editor';
import { benchEndpoint, runEndpointClients } from './endpoint';
import { benchExecStartup } from './exec-startup';
import { benchIdle } from './daemon-idle';
import { benchRefresh } from './refresh-round';
import { benchSsoRefresh } from './sso-refresh';
import { benchSsoSync } from './sso-sync';
import { benchSubscription } from './subscription-sync';
import { runPortalChild } from './portal-child';
import { runStsChild } from './sts-child';

type Options = Record<string, number>;

async function main(section: string | undefined, options: Options): Promise<unknown> {
  switch (section) {
    case 'assume':
      return benchAssume(options.runs ?? 15, options.variant ?? 0);
    case 'refresh':
      return benchRefresh(options.roles ?? 500, options.latencyMs ?? 50, options.concurrency ?? 10);
    case 'editor':
      return benchEditor(options.profiles ?? 5000, options.runs ?? 15);
    case 'import':
      return benchImport(options.profiles ?? 2000, options.runs ?? 5);
    case 'sso-sync':
      return benchSsoSync(
        options.accounts ?? 1000,
        options.roles ?? 3,
        options.latencyMs ?? 50,
        options.runs ?? 3,
      );
    case 'sso-refresh':
      return benchSsoRefresh(
        options.roles ?? 300,
        options.latencyMs ?? 50,
        options.concurrency ?? 10,
        options.runs ?? 3,
      );
    case 'audit':
      return benchAuditYear(options.roles ?? 25);
    case 'endpoint':
      return benchEndpoint(options.requests ?? 1000, options.clients ?? 10);
    case 'endpoint-clients':
      return runEndpointClients(
        options.requests ?? 1000,
        options.clients ?? 10,
        options.pauseMs ?? 0,
      );
    case 'exec':
      return benchExecStartup(options.runs ?? 15);
    case 'subscription':
      return benchSubscription(options.roles ?? 2000, options.runs ?? 5);
    case 'idle':
      return benchIdle(options.roles ?? 200, options.seconds ?? 60);
    default:
      throw new Error(`unknown section ${section}`);
  }
}

const [section, json] = process.argv.slice(2);
if (section === 'sts-server') {
  await runStsChild();
} else if (section === 'portal-server') {
  await runPortalChild();
} else {
  const result = await main(section, json ? (JSON.parse(json) as Options) : {});
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}
