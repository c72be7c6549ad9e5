import { median, ms, row, section } from './harness.mjs';

/** Row 1: `switchyard assume` against the seed's script and a minimal Node program, per source set-up. */
export async function assumeRows({ script, plan, args, results }) {
  // bench/assume-vs-seed.ts's ASSUME_VARIANTS, in order.
  const variants = [
    'plain profile',
    'plain profile + CA bundle',
    'environment keys',
    'container credentials',
    'plain profile, NODE_EXTRA_CA_CERTS unset',
  ];
  const rows = args['assume-rows']?.split(',').map(Number);
  results.assume = [];
  for (const [variant, label] of variants.entries()) {
    if (rows && !rows.includes(variant)) continue;
    const a = await section(script, 'assume', { runs: plan.assumeRuns, variant });
    results.assume.push({ label, ...a });
    const sy = median(a.switchyardMs);
    const seed = median(a.seedMs);
    if (variant === 0 || variant === 4) {
      const which = variant === 4 ? ', NODE_EXTRA_CA_CERTS unset' : '';
      row('1 assume', `\`node -e ""\` start-up (floor${which})`, '—', ms(median(a.nodeFloorMs)));
    }
    row('1 assume', `${label}: seed script (${a.awsCli} ${a.awsCliVersion})`, '—', ms(seed));
    row('1 assume', `${label}: \`switchyard assume\`, cold (Node ${a.nodeVersion})`, '—', ms(sy));
    // Paired: run i of each, a few seconds apart, so a machine whose speed
    // drifts during the row shifts both alike.
    const overMinimal = median(a.switchyardMs.map((run, i) => run - a.minimalMs[i]));
    row(
      '1 assume',
      `${label}: minimal Node program, same result, no checks (over it: ${ms(sy - median(a.minimalMs))}; paired ${ms(overMinimal)})`,
      '—',
      ms(median(a.minimalMs)),
    );
    row(
      '1 assume',
      `${label}: speed-up, median ratio (paired: ${a.pairedRatio.toFixed(1)}x)`,
      '≥ 20x',
      `${a.ratio.toFixed(1)}x`,
      a.ratio >= 20,
    );
    row(
      '1 assume',
      `${label}: overhead (total − STS round trip ${ms(median(a.stsRoundTripMs))})`,
      '< 120 ms',
      ms(a.overheadMs),
      a.overheadMs < 120,
    );
  }
}
