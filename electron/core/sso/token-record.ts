import { Secret } from '../secret';
import { formatCacheTime, parseCacheTime } from './cache-time';

/**
 * One file of the SSO token cache (`~/.aws/sso/cache/<sha1>.json`) as a
 * record, and back. The file is shared with the AWS CLI and the SDKs, so the
 * reading is tolerant: fields we do not know are kept for the next write, a
 * field of the wrong type is treated as absent where the file still works
 * without it, and only a file no tool could use (not JSON, no access token, no
 * readable expiry) is refused, with the reason in one line and no value in it.
 */
export interface SsoTokenRecord {
  readonly startUrl: string;
  readonly region: string;
  readonly accessToken: Secret;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly refreshToken?: Secret;
  readonly clientId?: string;
  readonly clientSecret?: Secret;
  /** Epoch ms: when the client registration (clientId/clientSecret) expires. */
  readonly registrationExpiresAt?: number;
}

/** The fields this module reads and writes; any other field is kept as it was. */
const KNOWN_FIELDS = [
  'startUrl',
  'region',
  'accessToken',
  'expiresAt',
  'clientId',
  'clientSecret',
  'registrationExpiresAt',
  'refreshToken',
] as const;

/** What a file held besides the known fields, kept so a rewrite does not drop another tool's data. */
export type ExtraFields = Readonly<Record<string, unknown>>;

export type ParsedToken =
  { readonly record: SsoTokenRecord; readonly extra: ExtraFields } | { readonly problem: string };

/** Where startUrl and region come from when the file has none (the JS SDK does not require them). */
export interface TokenDefaults {
  readonly startUrl: string;
  readonly region?: string | undefined;
}

export function parseSsoToken(text: string, defaults: TokenDefaults): ParsedToken {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // JSON.parse's message quotes the text, which holds tokens: never pass it on.
    return { problem: text.trim() === '' ? 'is empty' : 'is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { problem: 'does not hold a JSON object' };
  }
  const fields = json as Record<string, unknown>;
  const accessToken = nonEmptyText(fields.accessToken);
  if (accessToken === undefined) return { problem: 'has no accessToken' };
  if (!Object.hasOwn(fields, 'expiresAt')) return { problem: 'has no expiresAt' };
  const expiry = parseCacheTime(fields.expiresAt);
  if ('problem' in expiry) return { problem: `its expiresAt ${expiry.problem}` };
  const region = nonEmptyText(fields.region) ?? defaults.region;
  if (region === undefined) return { problem: 'has no region' };

  const refreshToken = nonEmptyText(fields.refreshToken);
  const clientId = nonEmptyText(fields.clientId);
  const clientSecret = nonEmptyText(fields.clientSecret);
  const registration = parseCacheTime(fields.registrationExpiresAt);
  const record: SsoTokenRecord = {
    startUrl: nonEmptyText(fields.startUrl) ?? defaults.startUrl,
    region,
    accessToken: new Secret(accessToken),
    expiresAt: expiry.ms,
    ...(refreshToken === undefined ? {} : { refreshToken: new Secret(refreshToken) }),
    ...(clientId === undefined ? {} : { clientId }),
    ...(clientSecret === undefined ? {} : { clientSecret: new Secret(clientSecret) }),
    // An unreadable registration expiry counts as none: the registration is then not reused.
    ...('ms' in registration ? { registrationExpiresAt: registration.ms } : {}),
  };
  return { record, extra: unknownFields(fields) };
}

/** The fields of a token file's text that this module does not know; none when it is not a JSON object. */
export function extraFields(text: string): ExtraFields {
  try {
    const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
    return unknownFields(json as Record<string, unknown>);
  } catch {
    return {};
  }
}

function unknownFields(fields: Record<string, unknown>): ExtraFields {
  // Null prototype: a "__proto__" field another tool wrote stays a field.
  const extra = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    if (!(KNOWN_FIELDS as readonly string[]).includes(key)) extra[key] = value;
  }
  return extra;
}

/** A non-empty string, or undefined. */
function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The file's text: the known fields in the order the AWS CLI writes them,
 * times in its `YYYY-MM-DDTHH:MM:SSZ` form, then the other fields the file
 * held before. A known field the record leaves out is dropped, not kept from
 * the old file: a sign-in without a refresh token must not keep a stale one.
 */
export function serializeSsoToken(record: SsoTokenRecord, extra: ExtraFields = {}): string {
  const out = Object.create(null) as Record<string, unknown>;
  out.startUrl = record.startUrl;
  out.region = record.region;
  out.accessToken = record.accessToken.reveal();
  out.expiresAt = formatCacheTime(record.expiresAt);
  if (record.clientId !== undefined) out.clientId = record.clientId;
  if (record.clientSecret !== undefined) out.clientSecret = record.clientSecret.reveal();
  if (record.registrationExpiresAt !== undefined) {
    out.registrationExpiresAt = formatCacheTime(record.registrationExpiresAt);
  }
  if (record.refreshToken !== undefined) out.refreshToken = record.refreshToken.reveal();
  for (const [key, value] of Object.entries(extra)) {
    if (!(KNOWN_FIELDS as readonly string[]).includes(key)) out[key] = value;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Why a record cannot be written (one line), or undefined when it can. */
export function recordProblem(record: SsoTokenRecord): string | undefined {
  if (typeof record.startUrl !== 'string' || record.startUrl === '') return 'its startUrl is empty';
  if (typeof record.region !== 'string' || record.region === '') return 'its region is empty';
  if (!(record.accessToken instanceof Secret) || record.accessToken.reveal() === '') {
    return 'its access token is empty';
  }
  for (const [name, ms] of [
    ['expiresAt', record.expiresAt],
    ['registrationExpiresAt', record.registrationExpiresAt],
  ] as const) {
    if (ms === undefined && name === 'registrationExpiresAt') continue;
    // Years 1970–9999: the range the YYYY-MM-DD form can say.
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms >= 253402300800000) {
      return `its ${name} is not a time`;
    }
  }
  return undefined;
}
