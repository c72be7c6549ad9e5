import { fileOps } from '../fs/file-ops';
import { readRegularFile } from '../fs/regular-file';

/**
 * The AWS SDK for JavaScript's reading of ~/.aws/config and ~/.aws/credentials
 * (its shared-ini-file-loader, now in @smithy/core/config), rule for rule, so
 * Switchyard reads a setting exactly as the SDK that calls STS for it does,
 * without loading the SDK on `switchyard assume`'s fast path:
 *
 * - lines split on `\n` or `\r\n`; a `#` or `;` at the start of a line or after
 *   whitespace starts a comment (`region = eu-west-1 # x` is `eu-west-1`, while
 *   `eu-west-1#x` keeps the `#`);
 * - keys are case-sensitive (`Region` is not `region`) and trimmed, as are values;
 * - a key with an empty value opens a sub-section: the indented lines after it
 *   are `key.sub`, not top-level keys (so `region =` sets no region);
 * - a section seen twice is merged, later keys winning; a key seen twice, the later wins;
 * - in the config file, `[profile NAME]` is NAME, `[default]` is default and
 *   `[profile default]` replaces it whatever the order; other bare sections are
 *   not profiles. A header whose name does not match the SDK's pattern (a space
 *   in the name, say) is taken whole and so names no config profile;
 * - a `[__proto__]` section makes the whole file unreadable, like a missing file.
 *
 * tests/unit/sts/sdk-shared-config.test.ts runs a table of tricky files through
 * this and through the SDK itself and requires the same answers.
 */

export type IniSections = Record<string, Record<string, string>>;

export interface SharedConfigFiles {
  readonly configFile: IniSections;
  readonly credentialsFile: IniSections;
}

/** The section types the SDK knows (IniSectionType in @smithy/types). */
const SECTION_TYPES = ['profile', 'sso-session', 'services'];
const SEPARATOR = '.';
const PREFIXED_SECTION = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const BLOCKED_SECTIONS = ['__proto__', 'profile __proto__'];

function emptySections(): IniSections {
  return Object.create(null) as IniSections;
}

/** One file's sections, keyed as the SDK keys them (`profile.NAME`, `default`, …). */
export function parseSdkIni(text: string): IniSections {
  const map = emptySections();
  let section: string | undefined;
  let subSection: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = (line.split(/(^|\s)[;#]/)[0] ?? '').trim();
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      section = undefined;
      subSection = undefined;
      const name = trimmed.slice(1, -1);
      const match = PREFIXED_SECTION.exec(name);
      if (match) {
        const [, prefix = '', , rest = ''] = match;
        if (SECTION_TYPES.includes(prefix)) section = `${prefix}${SEPARATOR}${rest}`;
      } else {
        section = name;
      }
      if (BLOCKED_SECTIONS.includes(name)) throw new Error(`invalid profile name "${name}"`);
      continue;
    }
    if (section === undefined) continue;
    const equals = trimmed.indexOf('=');
    if (equals <= 0) continue;
    const key = trimmed.slice(0, equals).trim();
    const value = trimmed.slice(equals + 1).trim();
    if (value === '') {
      subSection = key;
      continue;
    }
    if (subSection !== undefined && line.trimStart() === line) subSection = undefined;
    const values = (map[section] ??= Object.create(null) as Record<string, string>);
    values[subSection === undefined ? key : `${subSection}${SEPARATOR}${key}`] = value;
  }
  return map;
}

/** A config file's profiles by name (the SDK's getConfigData). */
export function configFileProfiles(sections: IniSections): IniSections {
  const profiles = emptySections();
  if (sections.default) profiles.default = sections.default;
  for (const [key, values] of Object.entries(sections)) {
    const dot = key.indexOf(SEPARATOR);
    if (dot === -1 || !SECTION_TYPES.includes(key.slice(0, dot))) continue;
    profiles[key.slice(0, dot) === 'profile' ? key.slice(dot + 1) : key] = values;
  }
  return profiles;
}

async function readSections(
  path: string,
  read: (path: string) => Promise<Uint8Array | undefined>,
): Promise<IniSections> {
  try {
    const bytes = await read(path);
    return bytes === undefined ? emptySections() : parseSdkIni(Buffer.from(bytes).toString('utf8'));
  } catch {
    // The SDK treats an unreadable or invalid file as an empty one.
    return emptySections();
  }
}

interface SharedConfigPaths {
  readonly configPath: string;
  readonly credentialsPath?: string | undefined;
}

/** The last read of each pair of files, with the stamps it was read at (a few pairs at most). */
const lastReads = new Map<string, { readonly stamp: string; readonly files: SharedConfigFiles }>();
const KEPT_READS = 8;

/**
 * Both files, read as the SDK's loadSharedConfigFiles reads them (paths already
 * resolved); without a credentials path, only the config file. With the default
 * reader, files whose inode, size, change and modification times are what they
 * were at the last read are not read again: one `assume` asks for them several
 * times (the region, the source keys, the source profile), and a refresh round
 * plans hundreds of calls. A stat costs one file operation, a read four.
 */
export async function loadSharedConfig(
  paths: SharedConfigPaths,
  read?: (path: string) => Promise<Uint8Array | undefined>,
): Promise<SharedConfigFiles> {
  if (read) return readBoth(paths, read);
  const key = `${paths.configPath}\n${paths.credentialsPath ?? ''}`;
  const stamp = (await Promise.all([paths.configPath, paths.credentialsPath].map(fileStamp))).join(
    '|',
  );
  const last = lastReads.get(key);
  if (last?.stamp === stamp) return last.files;
  // Non-blocking open: a FIFO here must not hang the command (see regular-file.ts).
  const files = await readBoth(paths, readRegularFile);
  lastReads.delete(key);
  lastReads.set(key, { stamp, files });
  // The oldest pair goes first (a Map iterates in insertion order).
  if (lastReads.size > KEPT_READS) lastReads.delete(lastReads.keys().next().value!);
  return files;
}

async function fileStamp(path: string | undefined): Promise<string> {
  if (path === undefined) return '';
  try {
    const s = await fileOps().stat(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return 'none';
  }
}

async function readBoth(
  paths: SharedConfigPaths,
  read: (path: string) => Promise<Uint8Array | undefined>,
): Promise<SharedConfigFiles> {
  const [config, credentialsFile] = await Promise.all([
    readSections(paths.configPath, read),
    paths.credentialsPath === undefined
      ? emptySections()
      : readSections(paths.credentialsPath, read),
  ]);
  return { configFile: configFileProfiles(config), credentialsFile };
}

/**
 * A profile's setting as the SDK's config providers read it (region, for one):
 * the config file's value over the credentials file's. Undefined when unset.
 */
export function profileSetting(
  files: SharedConfigFiles,
  profile: string,
  key: string,
): string | undefined {
  const fromConfig = files.configFile[profile];
  if (fromConfig && Object.hasOwn(fromConfig, key)) return fromConfig[key];
  const fromCredentials = files.credentialsFile[profile];
  if (fromCredentials && Object.hasOwn(fromCredentials, key)) return fromCredentials[key];
  return undefined;
}
