// A writer that is meant to be killed: it applies one put after another to the
// credentials file given in argv and announces each one on stdout before
// ("w <tag>") and after ("d <tag>") the apply. stdout is a pipe, and pipe writes
// are synchronous on Linux, so the parent knows every tag that may be on disk.
import { writeSync } from 'node:fs';
import { CredentialsFile } from '../../../electron/core/credentials/credentials-file';
import { putChange } from '../../unit/credentials/helpers/credentials-setup';

const [credentialsPath, configPath, generation] = process.argv.slice(2) as [string, string, string];
const file = new CredentialsFile({ credentialsPath, configPath }, { lockTimeoutMs: 5000 });
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const tag = `g${generation}n${i}`;
  writeSync(1, `w ${tag}\n`);
  const result = await file.apply([putChange('p', tag)]);
  if (!result.written) throw new Error(`not written: ${JSON.stringify(result)}`);
  writeSync(1, `d ${tag}\n`);
}
