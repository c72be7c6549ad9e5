import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CredentialsFile,
  type CredentialsFileOptions,
  type CredentialsPaths,
  type ProfileChange,
} from '../../../../electron/core/credentials/credentials-file';
import { plantedCredentials } from './fake-credentials';

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/admin';
/** 12:34:56.789 UTC: the file must say 12:34:56Z. */
export const EXPIRES_AT = Date.UTC(2026, 10, 22, 12, 34, 56, 789);

export interface CredentialsSetup {
  readonly dir: string;
  readonly paths: CredentialsPaths;
  readonly file: CredentialsFile;
  read(): Promise<string>;
  bytes(): Promise<Buffer>;
  inode(): Promise<number>;
}

export async function setupFiles(
  dir: string,
  contents: { credentials?: string | Buffer; config?: string | Buffer } = {},
  options: CredentialsFileOptions = {},
): Promise<CredentialsSetup> {
  const paths = { credentialsPath: join(dir, 'credentials'), configPath: join(dir, 'config') };
  if (contents.credentials !== undefined)
    await writeFile(paths.credentialsPath, contents.credentials);
  if (contents.config !== undefined) await writeFile(paths.configPath, contents.config);
  return {
    dir,
    paths,
    file: new CredentialsFile(paths, options),
    read: () => readFile(paths.credentialsPath, 'utf8'),
    bytes: () => readFile(paths.credentialsPath),
    inode: async () => (await stat(paths.credentialsPath)).ino,
  };
}

export function putChange(profile: string, tag = profile, force?: boolean): ProfileChange {
  return {
    type: 'put',
    profile,
    credentials: plantedCredentials(tag, EXPIRES_AT).credentials,
    roleArn: ROLE_ARN,
    force,
  };
}

/** The section Switchyard writes for putChange(profile, tag). */
export function managedLines(tag: string): string[] {
  const [id, secret, token] = plantedCredentials(tag).plain;
  return [
    `aws_access_key_id = ${id}`,
    `aws_secret_access_key = ${secret}`,
    `aws_session_token = ${token}`,
    'x_switchyard_expires = 2026-11-22T12:34:56Z',
    `x_switchyard_role_arn = ${ROLE_ARN}`,
    'x_switchyard_managed = true',
  ];
}

export function managedSection(profile: string, tag = profile, eol = '\n'): string {
  return [`[${profile}]`, ...managedLines(tag)].map((line) => line + eol).join('');
}
