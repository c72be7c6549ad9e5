import { indexSections, parseIni, type IniSection } from '../credentials/ini-document';
import { CREDENTIAL_SOURCE_KEYS } from '../credentials/managed-profile-keys';

/** One profile of ~/.aws/config, with botocore's view of its keys (lowercased). */
export interface ConfigProfile {
  readonly name: string;
  readonly values: ReadonlyMap<string, string>;
  /** Why the AWS CLI would refuse this profile (a duplicate section or key), if it would. */
  readonly defect?: string;
}

/** Keys that make the SDKs get credentials for a profile some other way than the credentials file. */
export const CREDENTIAL_PROVIDER_KEYS: readonly string[] = CREDENTIAL_SOURCE_KEYS.map(
  ([key]) => key,
);

/**
 * The profile a config section defines: `[profile NAME]` is NAME, `[default]`
 * (and `[profile default]`) is default. Other bare sections, `[sso-session …]`
 * and `[services …]` define no profile (both SDKs ignore them in this file).
 */
export function configProfileName(section: string): string | undefined {
  if (section === 'default') return 'default';
  const match = /^profile\s+(.+)$/.exec(section);
  return match?.[1]?.trim();
}

function readSection(section: IniSection): { values: Map<string, string>; duplicateKey?: string } {
  const values = new Map<string, string>();
  let duplicateKey: string | undefined;
  for (const entry of section.entries) {
    const key = entry.key.toLowerCase();
    if (values.has(key)) duplicateKey ??= key;
    values.set(key, entry.value);
  }
  return { values, duplicateKey };
}

/** Every profile in a config file's text, in file order, read with the lossless parser. */
export function readConfigProfiles(text: string): Map<string, ConfigProfile> {
  const profiles = new Map<string, ConfigProfile>();
  const sectionsByProfile = new Map<string, IniSection[]>();
  for (const [sectionName, sections] of indexSections(parseIni(text))) {
    const name = configProfileName(sectionName);
    if (name === undefined) continue;
    sectionsByProfile.set(name, [...(sectionsByProfile.get(name) ?? []), ...sections]);
  }
  for (const [name, sections] of sectionsByProfile) {
    const values = new Map<string, string>();
    let defect: string | undefined;
    if (sections.length > 1) {
      defect = `it is defined ${sections.length} times, which the AWS CLI refuses; merge the sections`;
    }
    for (const section of sections) {
      const read = readSection(section);
      for (const [key, value] of read.values) values.set(key, value);
      if (read.duplicateKey && !defect) {
        defect = `"${read.duplicateKey}" is set twice in it, which the AWS CLI refuses; keep one`;
      }
    }
    profiles.set(name, defect === undefined ? { name, values } : { name, values, defect });
  }
  return profiles;
}
