import type { SessionCredentials } from '../secret';
import type { RefusalCode } from './credentials-file-error';
import { sameKey, type IniDocument, type IniSection } from './ini-document';
import type { ProfileEdit } from './ini-edit';
import {
  ACCESS_KEY_ID_KEY,
  CREDENTIAL_SOURCE_KEYS,
  EXPIRES_KEY,
  MANAGED_KEY,
  MANAGED_VALUE,
  ROLE_ARN_MARKER_KEY,
  SECRET_ACCESS_KEY_KEY,
  SECURITY_TOKEN_KEY,
  SESSION_TOKEN_KEY,
  WRITTEN_KEYS,
  formatExpiry,
  parseExpiry,
} from './managed-profile-keys';

/**
 * Which profile changes are safe, decided purely from the two files' contents.
 * The rule: never overwrite or delete what the user owns. Refusals carry a
 * message that names the file and the fix, never a secret.
 */

export type ProfileChange =
  | {
      readonly type: 'put';
      readonly profile: string;
      readonly credentials: SessionCredentials;
      readonly roleArn: string;
      /** Overwrite long-term keys, or write a profile that gets credentials some other way (role_arn, SSO, …), anyway. Not for duplicates. */
      readonly force?: boolean;
    }
  | { readonly type: 'remove'; readonly profile: string };

export interface Refusal {
  readonly code: RefusalCode;
  readonly reason: string;
}

export interface Rejection extends Refusal {
  readonly profile: string;
}

export interface ChangePlan {
  readonly edits: ProfileEdit[];
  readonly applied: string[];
  readonly rejected: Rejection[];
}

export interface ManagedProfile {
  readonly profile: string;
  readonly roleArn: string | undefined;
  /** Epoch ms; undefined if the expiry key is missing or unreadable. */
  readonly expiresAt: number | undefined;
}

export interface FilesSnapshot {
  readonly credentials: IniDocument;
  readonly config: IniDocument;
  readonly credentialsPath: string;
  readonly configPath: string;
}

/** What an earlier accepted change in the same batch did to a profile. */
type BatchState = 'ours' | 'absent';

export function planProfileChanges(
  files: FilesSnapshot,
  changes: readonly ProfileChange[],
): ChangePlan {
  const inspector = new ProfileInspector(files);
  const batch = new Map<string, BatchState>();
  const plan: ChangePlan = { edits: [], applied: [], rejected: [] };

  for (const change of changes) {
    const { profile } = change;
    const refusal =
      change.type === 'put'
        ? inspector.refusePut(profile, change.force === true, batch.get(profile))
        : inspector.refuseRemove(profile, batch.get(profile));
    if (refusal) {
      plan.rejected.push({ profile, ...refusal });
      continue;
    }
    plan.applied.push(profile);
    if (change.type === 'put') {
      plan.edits.push(putEdit(change));
      batch.set(profile, 'ours');
    } else if (batch.get(profile) === 'ours' || inspector.exists(profile)) {
      plan.edits.push({ kind: 'remove', profile, keys: WRITTEN_KEYS });
      batch.set(profile, 'absent');
    }
  }
  return plan;
}

/** Why a put of this profile would be refused, or undefined if it may be written. */
export function refusePut(
  files: FilesSnapshot,
  profile: string,
  force: boolean,
): Refusal | undefined {
  return new ProfileInspector(files).refusePut(profile, force, undefined);
}

/** Sections carrying our marker, once per name (the first one wins), in file order. */
export function listManagedProfiles(doc: IniDocument): ManagedProfile[] {
  const seen = new Set<string>();
  const result: ManagedProfile[] = [];
  for (const section of doc.sections) {
    if (seen.has(section.name) || !isManaged(section)) continue;
    seen.add(section.name);
    result.push({
      profile: section.name,
      roleArn: valueOf(section, ROLE_ARN_MARKER_KEY),
      expiresAt: parseExpiry(valueOf(section, EXPIRES_KEY)),
    });
  }
  return result;
}

class ProfileInspector {
  readonly #files: FilesSnapshot;
  /** Config profiles that get credentials some other way, with the first such key. */
  readonly #configSources: Map<string, CredentialSource>;

  constructor(files: FilesSnapshot) {
    this.#files = files;
    this.#configSources = credentialSourcesInConfig(files.config);
  }

  #sectionsNamed(profile: string): readonly IniSection[] {
    return this.#files.credentials.sectionsNamed(profile);
  }

  exists(profile: string): boolean {
    return this.#sectionsNamed(profile).length > 0;
  }

  refusePut(profile: string, force: boolean, batch: BatchState | undefined): Refusal | undefined {
    const { credentialsPath, configPath } = this.#files;
    const sections = batch ? [] : this.#sectionsNamed(profile);
    const duplicate = batch ? undefined : this.#duplicate(profile);
    if (duplicate) return duplicate;
    if (force) return undefined;

    const section = sections[0];
    const fromConfig = this.#configSources.get(profile);
    const source = fromConfig ?? (section && credentialSourceKey(section));
    if (source) {
      const [key, effect] = source;
      const where = fromConfig
        ? `${configPath} ([${profile === 'default' ? 'default' : `profile ${profile}`}])`
        : credentialsPath;
      return {
        code: 'refused-role-profile',
        reason:
          `profile "${profile}" is defined with ${key} in ${where}; ${effect} and ignore ` +
          'credentials written here. Pick another profile name ' +
          '(or force the write if you really mean it).',
      };
    }
    if (section && !isManaged(section) && holdsLongTermKeys(section)) {
      return {
        code: 'refused-long-term-keys',
        reason:
          `profile "${profile}" in ${credentialsPath} holds long-term access keys ` +
          '(aws_access_key_id without a session token) that Switchyard did not write; ' +
          'overwriting them would lose them. Pick another profile name, or force the write ' +
          'if those keys are no longer needed.',
      };
    }
    return undefined;
  }

  refuseRemove(profile: string, batch: BatchState | undefined): Refusal | undefined {
    if (batch) return undefined;
    const duplicate = this.#duplicate(profile);
    if (duplicate) return duplicate;
    const section = this.#sectionsNamed(profile)[0];
    if (section && !isManaged(section)) {
      return {
        code: 'not-managed',
        reason:
          `profile "${profile}" in ${this.#files.credentialsPath} was not written by Switchyard ` +
          `(it has no ${MANAGED_KEY} = ${MANAGED_VALUE}); refusing to remove it.`,
      };
    }
    return undefined;
  }

  #duplicate(profile: string): Refusal | undefined {
    const sections = this.#sectionsNamed(profile);
    if (sections.length < 2) return undefined;
    const lines = sections.map((s) => s.headerLine + 1).join(', ');
    return {
      code: 'duplicate-section',
      reason:
        `profile "${profile}" appears ${sections.length} times in ${this.#files.credentialsPath} ` +
        `(lines ${lines}); botocore rejects such a file. Merge them into one section and try again.`,
    };
  }
}

function putEdit(change: Extract<ProfileChange, { type: 'put' }>): ProfileEdit {
  const { credentials } = change;
  return {
    kind: 'put',
    profile: change.profile,
    values: [
      [ACCESS_KEY_ID_KEY, credentials.accessKeyId.reveal()],
      [SECRET_ACCESS_KEY_KEY, credentials.secretAccessKey.reveal()],
      [SESSION_TOKEN_KEY, credentials.sessionToken.reveal()],
      [EXPIRES_KEY, formatExpiry(credentials.expiresAt)],
      [ROLE_ARN_MARKER_KEY, change.roleArn],
      [MANAGED_KEY, MANAGED_VALUE],
    ],
    // botocore prefers aws_session_token, but a stale legacy token must not linger.
    removeKeys: [SECURITY_TOKEN_KEY],
  };
}

type CredentialSource = (typeof CREDENTIAL_SOURCE_KEYS)[number];

/** Config profiles (`[profile NAME]`, or `[default]`) that get credentials some other way. */
function credentialSourcesInConfig(config: IniDocument): Map<string, CredentialSource> {
  const sources = new Map<string, CredentialSource>();
  for (const section of config.sections) {
    const source = credentialSourceKey(section);
    if (!source) continue;
    const match = /^profile\s+(["']?)(.*)\1$/.exec(section.name);
    const name = section.name === 'default' ? 'default' : match?.[2]?.trim();
    if (name && !sources.has(name)) sources.set(name, source);
  }
  return sources;
}

/** The first key (in CREDENTIAL_SOURCE_KEYS order) the section sets, even to an empty value. */
function credentialSourceKey(section: IniSection): CredentialSource | undefined {
  // The SDKs test presence (`'role_arn' in profile`), not a non-empty value.
  return CREDENTIAL_SOURCE_KEYS.find(([key]) =>
    section.entries.some((entry) => sameKey(entry.key, key)),
  );
}

function isManaged(section: IniSection): boolean {
  return valueOf(section, MANAGED_KEY)?.toLowerCase() === MANAGED_VALUE;
}

/** Keys without a session token never expire: they are the user's own. */
function holdsLongTermKeys(section: IniSection): boolean {
  return (
    valueOf(section, ACCESS_KEY_ID_KEY) !== undefined &&
    valueOf(section, SESSION_TOKEN_KEY) === undefined &&
    valueOf(section, SECURITY_TOKEN_KEY) === undefined
  );
}

/** The first non-empty value of a key (botocore: keys are case-insensitive). */
function valueOf(section: IniSection, key: string): string | undefined {
  for (const entry of section.entries) {
    if (sameKey(entry.key, key) && entry.value !== '') return entry.value;
  }
  return undefined;
}
