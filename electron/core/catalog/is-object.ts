/** A JSON object (not null, not an array): the shape every parsed document and input must have. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
