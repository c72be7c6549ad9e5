/**
 * A big, realistic credentials file: `count` profiles of about 200 bytes each,
 * some with comments, some long-term, optionally some CRLF lines.
 */
export function generateProfiles(count: number, options: { crlfEvery?: number } = {}): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const eol = options.crlfEvery && i % options.crlfEvery === 0 ? '\r\n' : '\n';
    const id = String(i).padStart(5, '0');
    if (i % 10 === 0) parts.push(`# team ${i / 10}${eol}`);
    parts.push(
      `[profile-${id}]${eol}`,
      `aws_access_key_id = ${i % 3 === 0 ? 'AKIA' : 'ASIA'}GENERATED${id}${eol}`,
      `aws_secret_access_key = generated/secret/${id}/wJalrXUtnFEMIK7MDENGbPxRfiCY${eol}`,
    );
    if (i % 3 !== 0) {
      parts.push(`aws_session_token = IQoJb3JpZ2luX2VjEGenerated${id}${'x'.repeat(60)}${eol}`);
    }
    parts.push(eol);
  }
  return parts.join('');
}
