// Runs one credentials-engine action from a bundle of our code, as whatever
// user the test started it as (the read-only-folder test drops root to
// "nobody"), and prints the outcome as JSON.
import { pathToFileURL } from 'node:url';

const [bundle, json] = process.argv.slice(2);
const core = await import(pathToFileURL(bundle).href);
const action = JSON.parse(json);
const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

try {
  if (action.kind === 'apply') {
    const file = new core.CredentialsFile(action.paths, { lockTimeoutMs: 2000 });
    const result = await file.apply([
      {
        type: 'put',
        profile: action.profile,
        roleArn: 'arn:aws:iam::123456789012:role/admin',
        credentials: {
          accessKeyId: new core.Secret('ASIACHILDKEY'),
          secretAccessKey: new core.Secret(action.secret),
          sessionToken: new core.Secret('child-token'),
          expiresAt: Date.now() + 3_600_000,
        },
      },
    ]);
    print({ ok: true, result });
  } else if (action.kind === 'write') {
    await core.writeFileAtomic(action.path, 'replacement');
    print({ ok: true });
  } else {
    throw new Error(`unknown action ${action.kind}`);
  }
} catch (error) {
  print({ ok: false, name: error.name, code: error.code, message: error.message });
}
