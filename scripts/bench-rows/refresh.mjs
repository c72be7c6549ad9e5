import { log, ms, row, section, TimeLimitError } from './harness.mjs';

/** Row 2: refresh rounds at 50 ms STS latency, from 50 roles up. */
export async function refreshRows({ script, plan, results }) {
  results.refresh = [];
  for (const roles of plan.refreshRoles) {
    let r;
    try {
      r = await section(
        script,
        'refresh',
        { roles, latencyMs: 50, concurrency: 10 },
        plan.refreshLimitSeconds * 1000,
      );
    } catch (error) {
      if (!(error instanceof TimeLimitError)) throw error;
      log(`refresh ${roles}: ${error.message}`);
      results.refresh.push({ roles, timedOut: plan.refreshLimitSeconds });
      row(
        '2 refresh',
        `round, ${roles} roles, 50 ms latency, conc. 10 (bound ${ms((roles / 10) * 50)})`,
        '(scaling)',
        `not done in ${plan.refreshLimitSeconds} s (activation + round)`,
        false,
      );
      continue;
    }
    results.refresh.push(r);
    const within = r.ratio <= 1.2;
    row(
      '2 refresh',
      `round, ${roles} roles, 50 ms latency, conc. 10 (bound ${ms(r.boundMs)})`,
      roles === 500 ? '≤ 1.2 × bound' : '(scaling)',
      `${ms(r.roundMs)} (${r.ratio.toFixed(2)} × bound)`,
      roles === 500 ? within : undefined,
    );
    row(
      '2 refresh',
      `  credentials-file writes / STS calls / max in flight, ${roles} roles`,
      '1 write',
      `${r.writes} / ${r.stsCalls} / ${r.maxInFlight}`,
      r.writes === 1 && r.active === roles,
    );
    row(
      '2 refresh',
      `  engine cost, ${roles} roles: activation at 0 ms latency / its CPU / the round's CPU`,
      '—',
      `${ms(r.zeroLatencyRoundMs)} / ${ms(r.activationCpuMs)} / ${ms(r.roundCpuMs)}`,
    );
  }
}
