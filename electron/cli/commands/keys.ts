import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import { quoteValue } from '../../../shared/quote-value';
import { Secret } from '../../core/secret';
import { checkAccessKeyId } from '../../core/secrets/access-key-rules';
import { checkKeySourceName } from '../../core/secrets/key-source-name';
import { KeytarSecretStore } from '../../core/secrets/keytar-secret-store';
import { LongTermKeys } from '../../core/secrets/long-term-keys';
import { expectPositionals, optionalString, parseCommandArgs } from '../args';
import { runSubcommand, type SubcommandTable } from '../subcommands';

/** More than any key pair needs; a bigger input is a mistake (a whole file piped in). */
const MAX_STDIN_BYTES = 4096;

const STDIN_HELP = 'pipe it in, e.g. `switchyard keys set NAME --access-key-id AKIA… < secret.txt`';

/**
 * All of standard input. The secret comes only from here: argv is visible to
 * every user in `ps`, and environment variables leak into child processes.
 */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new InputError(
      'stdin',
      `the secret access key is read from standard input, not typed at a terminal; ${STDIN_HELP}`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_STDIN_BYTES) {
      process.stdin.destroy();
      throw new InputError(
        'stdin',
        `standard input is over ${MAX_STDIN_BYTES} bytes; give only the key lines`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The key lines on stdin: the secret alone when the key ID came as an option,
 * else the key ID then the secret. Lines are trimmed; blank lines at the end
 * are ignored, anything else extra is refused. Errors never repeat a line.
 */
function splitKeyLines(text: string, wanted: 1 | 2): string[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const what =
    wanted === 1
      ? 'one line: the secret access key'
      : 'two lines: the access key ID, then the secret access key';
  if (lines.length !== wanted) {
    const found =
      lines.length === 0 ? 'nothing' : `${lines.length} line${lines.length === 1 ? '' : 's'}`;
    throw inputError('stdin', `has ${found}, expected ${what}`, STDIN_HELP);
  }
  const blank = lines.indexOf('');
  if (blank !== -1) throw inputError('stdin', `line ${blank + 1} is blank`, `give ${what}`);
  return lines;
}

function keychain(): LongTermKeys {
  return new LongTermKeys(new KeytarSecretStore());
}

async function setKeys(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('keys set', argv, {
    'access-key-id': { type: 'string' },
  });
  const [nameText = ''] = expectPositionals('keys set', positionals, ['source-name']);
  const name = checkKeySourceName(nameText, '<source-name>');
  const idOption = optionalString(values, 'access-key-id');
  const accessKeyId =
    idOption === undefined ? undefined : checkAccessKeyId(idOption, '--access-key-id');

  const lines = splitKeyLines(await readStdin(), accessKeyId === undefined ? 2 : 1);
  const [first = '', second = ''] = lines;
  // Both halves are checked (without echoing them) before the keychain is touched.
  await keychain().set(name, {
    accessKeyId: accessKeyId ?? new Secret(first),
    secretAccessKey: new Secret(accessKeyId === undefined ? second : first),
  });
  process.stdout.write(`stored the access key for ${quoteValue(name)} in the OS keychain\n`);
}

async function deleteKeys(argv: readonly string[]): Promise<void> {
  const { positionals } = parseCommandArgs('keys delete', argv, {});
  const [nameText = ''] = expectPositionals('keys delete', positionals, ['source-name']);
  const name = checkKeySourceName(nameText, '<source-name>');
  const deleted = await keychain().delete(name);
  process.stdout.write(
    deleted
      ? `deleted the access key for ${quoteValue(name)} from the OS keychain\n`
      : `no access key is stored for ${quoteValue(name)}; nothing to delete\n`,
  );
}

const SUBCOMMANDS: SubcommandTable = {
  set: async () => setKeys,
  delete: async () => deleteKeys,
};

/** `switchyard keys set|delete <source-name>`: long-term IAM user keys in the OS keychain. */
export function keysCommand(argv: readonly string[]): Promise<void> {
  return runSubcommand('keys', SUBCOMMANDS, argv);
}
