/**
 * The in-repo fault STS server in a process of its own, so its work does not share
 * the measured engine's event loop. Prints {"endpoint":…} once, then answers one
 * JSON line per command line on stdin: `latency <ms>`, `reset`, `stats`.
 * Exits when stdin closes.
 */
import { createInterface } from 'node:readline';
import { startFaultStsServer } from '../tests/support/fault-sts-server';
import { SOURCE_KEY, SOURCE_SECRET } from './source-keys';

export async function runStsChild(): Promise<void> {
  // A benchmark's STS should cost nothing but its latency: AWS checks signatures
  // on its own machines, and the tests check ours.
  const sts = await startFaultStsServer({ verifySignatures: false });
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/bench');
  process.stdout.write(`${JSON.stringify({ endpoint: sts.endpoint })}\n`);
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const [command, arg] = line.trim().split(/\s+/);
    if (command === 'latency') sts.setLatency(Number(arg));
    if (command === 'reset') sts.reset();
    const stats = sts.stats();
    process.stdout.write(
      `${JSON.stringify({ total: stats.total, maxInFlight: stats.maxInFlight, errors: stats.byErrorCode })}\n`,
    );
  }
  await sts.close();
}
