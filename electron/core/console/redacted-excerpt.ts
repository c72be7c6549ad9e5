const MAX_EXCERPT = 120;
const REDACTED = '[redacted]';

/** The forms a secret can take once it has been sent in a form body or JSON. */
function encodings(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ];
}

/**
 * A short, single-line piece of an error response that is safe to show. A
 * server (or a proxy in front of it) may echo the request back, so the
 * secrets we sent are cut out in every encoding we used, and so is anything
 * else shaped like a key or token.
 */
export function redactedExcerpt(body: string, secrets: readonly string[]): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1];
  let text = title ?? body.replace(/<[^>]*>/g, ' ');
  for (const secret of secrets) {
    // Too short to redact without shredding the text; real keys are 16+ characters.
    if (secret.length < 4) continue;
    for (const form of encodings(secret)) text = text.split(form).join(REDACTED);
  }
  text = text
    .replace(/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, REDACTED)
    .replace(/[A-Za-z0-9+/=%_-]{24,}/g, REDACTED)
    .replace(/[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .trim();
  const chars = [...text];
  return chars.length > MAX_EXCERPT ? `${chars.slice(0, MAX_EXCERPT - 1).join('')}…` : text;
}
