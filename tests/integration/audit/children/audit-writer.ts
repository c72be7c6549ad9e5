/**
 * A separate process appending to the audit trail through the real AuditLog:
 * argv = configDir, writer name, line count. Prints `done` when finished.
 */
import { AuditLog } from '../../../../electron/core/audit/audit-log';

const [configDir, name, countText] = process.argv.slice(2);
const log = new AuditLog({
  configDir: configDir!,
  onError: (message) => process.stderr.write(`${message}\n`),
});
const count = Number(countText);
for (let i = 0; i < count; i += 1) {
  log.record({
    event: 'refresh',
    outcome: 'ok',
    by: `writer-${name}`,
    label: `${name}-${i}`,
    // A long field, so a torn write would show as a broken line.
    roleArn: `arn:aws:iam::123456789012:role/${'r'.repeat(300)}-${name}-${i}`,
    expiresAt: Date.now() + 3_600_000,
  });
}
process.stdout.write('done\n');
