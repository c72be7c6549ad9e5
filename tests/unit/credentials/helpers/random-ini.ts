import type { ProfileEdit } from '../../../../electron/core/credentials/ini-edit';

/** mulberry32: a tiny seeded PRNG, so every fuzz case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PROFILE_POOL = ['default', 'prod', 'dev', 'ci', 'sandbox', 'audit'];
const KEY_POOL = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'AWS_Access_Key_ID',
  'region',
  'output',
  'x_switchyard_managed',
  's3',
];

export function randomIniFile(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const style = pick(['lf', 'crlf', 'mixed'] as const);
  const eol = () =>
    style === 'lf' ? '\n' : style === 'crlf' ? '\r\n' : random() < 0.5 ? '\n' : '\r\n';
  const lines: string[] = [];
  const value = () => pick(['v', 'ASIA123', 'a b # c', 'x=y', 'http://h:1', '', 'sec/ret+1']);
  const entry = () => {
    const key = pick(KEY_POOL);
    return pick([
      `${key} = ${value()}`,
      `${key}=${value()}`,
      `${key}\t=  ${value()}  `,
      `${key}: ${value()}`,
      `  ${key} = ${value()}`,
    ]);
  };
  const bodyLine = (): string[] => {
    const roll = random();
    if (roll < 0.5) return [entry()];
    if (roll < 0.6) return [entry(), `    continued ${value()}`];
    if (roll < 0.7) return [pick(['# note', '; note', '   # indented', '#'])];
    if (roll < 0.9) return [pick(['', '', '  ', '\t'])];
    return [pick(['garbage without delimiter', '= no key'])];
  };

  const preamble = Math.floor(random() * 3);
  for (let i = 0; i < preamble; i++) lines.push(pick(['# header comment', '', '; x']));
  const sections = Math.floor(random() * 8);
  for (let s = 0; s < sections; s++) {
    const name = pick(PROFILE_POOL);
    lines.push(pick([`[${name}]`, `[${name}]`, `[ ${name} ]`, `[${name}] # c`]));
    const body = Math.floor(random() * 7);
    for (let i = 0; i < body; i++) lines.push(...bodyLine());
  }
  const bom = random() < 0.1 ? '\uFEFF' : '';
  const finalNewline = random() < 0.8;
  return (
    bom +
    lines.map((line, i) => line + (i < lines.length - 1 || finalNewline ? eol() : '')).join('')
  );
}

export function randomEdit(random: () => number): ProfileEdit {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const profile = pick([...PROFILE_POOL, 'fresh', 'new-one']);
  if (random() < 0.35) return { kind: 'remove', profile };
  const keys = [
    'aws_access_key_id',
    'aws_secret_access_key',
    'aws_session_token',
    'region',
    'x_switchyard_managed',
    's3',
  ].filter(() => random() < 0.6);
  const values = (keys.length ? keys : ['aws_access_key_id']).map(
    (key, i) => [key, `N${i}${Math.floor(random() * 1000)}`] as [string, string],
  );
  const removeKeys = ['aws_security_token', 'output'].filter(
    (key) => random() < 0.5 && !values.some(([k]) => k === key),
  );
  return { kind: 'put', profile, values, removeKeys };
}
