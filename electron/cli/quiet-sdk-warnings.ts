/**
 * The AWS SDK writes its warnings with process.emitWarning and console.warn, many
 * of them several lines long. A command whose stderr carries one line per
 * message cannot pass those through: each becomes one `switchyard: warning:`
 * line saying what it means for the user, the full text only with
 * SWITCHYARD_DEBUG. The NodeVersionSupportWarning (advice for the developer, on
 * every run under Node 20) is dropped.
 */

const PREFIX = 'switchyard: warning: ';

/** Long SDK warnings with a one-line meaning of their own. */
const KNOWN: readonly (readonly [RegExp, string])[] = [
  [
    /Multiple credential sources detected/,
    'both AWS_PROFILE and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set; the AWS SDK uses AWS_PROFILE; unset one of them',
  ],
];

/** The first sentence of a (possibly multi-line) warning, on one line, without the SDK's package tag. */
export function oneLineWarning(text: string): string {
  const known = KNOWN.find(([pattern]) => pattern.test(text));
  if (known) return known[1];
  const flat = text
    .replace(
      /^\s*@(?:aws-sdk|smithy)\/?[\w-]*(?:\s*-\s*[\w:]+)*\s*-?\s*WARN(?:ING)?:?\s*-?\s*/i,
      '',
    )
    .replace(/\s+/g, ' ')
    .trim();
  const sentence = /^(.+?[.!?])(?:\s|$)/.exec(flat)?.[1] ?? flat;
  return sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence;
}

function write(text: string): void {
  process.stderr.write(`${PREFIX}${oneLineWarning(text)}\n`);
  if (process.env.SWITCHYARD_DEBUG) process.stderr.write(`${text}\n`);
}

export function quietSdkWarnings(): void {
  process.emitWarning = ((warning: string | Error, options?: string | { type?: string }) => {
    const type = (typeof options === 'string' ? options : options?.type) ?? 'Warning';
    // Node's plain "Warning" type adds nothing to "switchyard: warning:".
    const text =
      warning instanceof Error
        ? `${warning.name}: ${warning.message}`
        : type === 'Warning'
          ? warning
          : `${type}: ${warning}`;
    if (text.includes('NodeVersionSupportWarning')) return;
    write(text);
  }) as typeof process.emitWarning;
  console.warn = (...parts: unknown[]): void => {
    write(parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' '));
  };
}
