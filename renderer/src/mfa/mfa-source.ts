/**
 * The engine's source keys ("profile:ops", "keys:laptop", "default") in words.
 * One prompt per source identity: every role assumed from it shares the code.
 */
export function describeMfaSource(sourceKey: string): string {
  if (sourceKey === 'default') return 'your default credentials';
  const [kind, ...rest] = sourceKey.split(':');
  const name = rest.join(':');
  if (kind === 'profile') return `profile ${name}`;
  if (kind === 'keys') return `keychain keys ${name}`;
  return sourceKey;
}
