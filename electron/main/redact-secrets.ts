const REDACTED = '[redacted]';

/**
 * Cuts anything shaped like AWS credentials out of a log line. Secrets are
 * never logged on purpose (they travel as Secret, which prints "[redacted]");
 * this is the defence in depth for an error message that quotes a request or
 * a URL. Order matters: named values first, then bare shapes.
 */
const PATTERNS: readonly [RegExp, string][] = [
  // key = value / "key": "value" for the credential names the SDKs and files use.
  [
    /\b(aws_secret_access_key|aws_session_token|aws_security_token|secretAccessKey|sessionToken|SecretAccessKey|SessionToken|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)(["']?\s*[:=]\s*["']?)[^\s"',;}&]+/g,
    `$1$2${REDACTED}`,
  ],
  // Query parameters of federation and presigned URLs.
  [
    /\b(SigninToken|X-Amz-Security-Token|X-Amz-Credential|X-Amz-Signature|Session)=[^&\s"']+/gi,
    `$1=${REDACTED}`,
  ],
  // Access key ids (AKIA… long-term, ASIA… temporary).
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
  // A 40-character secret access key.
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, REDACTED],
  // Session tokens and sign-in tokens: long base64 or URL-safe runs.
  [/[A-Za-z0-9/+=%_-]{64,}/g, REDACTED],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
