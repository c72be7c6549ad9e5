/**
 * A daemon engine whose every listener throws, as a separate process (an
 * uncaught error would end it). argv: <configDir> <roleId>
 * Prints one JSON line per snapshot ({labels}) and per notification ({notice,
 * title}); {ready} once the role is active.
 */
import { MemorySecretStore } from '../../../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../../../electron/core/session/create-session-engine';

const [configDir, roleId] = process.argv.slice(2);
if (!configDir || !roleId) {
  process.stderr.write('usage: throwing-daemon <configDir> <roleId>\n');
  process.exit(2);
}
const out = (line: object): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

const engine = await createSessionEngine({
  kind: 'daemon',
  configDir,
  secrets: new MemorySecretStore(),
});
engine.subscribe((snapshot) => {
  out({ labels: snapshot.roles.map((r) => r.role.label) });
  throw new Error('a snapshot listener that throws');
});
engine.onNotification(() => {
  throw new Error('a notification listener that throws');
});
engine.onNotification((n) => out({ notice: n.kind, title: n.title }));
await engine.activate(roleId);
// The state watcher's callback now throws: answering requests fails at once.
Object.assign(engine, {
  processRequests: () => {
    throw new Error('answering requests throws');
  },
});
out({ ready: true });
process.once('SIGTERM', () => {
  void engine.stop().then(() => process.exit(0));
});
