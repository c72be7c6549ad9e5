import type { ServerResponse } from 'node:http';
import type { ServedCredentials } from './credential-endpoint';

/** A JSON answer ready to send: its bytes and its headers (a flat name, value list). */
export interface PreparedAnswer {
  readonly body: Buffer;
  readonly headers: readonly string[];
}

/** Builds the container credentials answer for a session: the one place its JSON is made. */
export function buildAnswer(served: ServedCredentials): PreparedAnswer {
  const { credentials, roleArn } = served;
  return prepareJson({
    AccessKeyId: credentials.accessKeyId.reveal(),
    SecretAccessKey: credentials.secretAccessKey.reveal(),
    Token: credentials.sessionToken.reveal(),
    Expiration: new Date(credentials.expiresAt).toISOString(),
    RoleArn: roleArn,
  });
}

export function prepareJson(value: object): PreparedAnswer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return {
    body,
    headers: [
      'Content-Type',
      'application/json',
      'Content-Length',
      String(body.length),
      'Cache-Control',
      'no-store',
    ],
  };
}

export function sendPrepared(res: ServerResponse, status: number, answer: PreparedAnswer): void {
  res.writeHead(status, answer.headers as string[]);
  res.end(answer.body);
}

/**
 * The answers for the sessions being served, each built once. The sessions
 * side hands out the same ServedCredentials object for as long as a role's
 * session and ARN stay the same (a refresh makes a new one), so the answer is
 * kept with that object: a request costs no JSON, no ISO date and no copy of
 * the secrets, which a refresher asked hundreds of times a minute would
 * otherwise make, and collect, on every ask. Weakly held: a replaced session's
 * answer goes with it.
 */
export class AnswerBodies {
  readonly #kept = new WeakMap<ServedCredentials, PreparedAnswer>();
  readonly #build: (served: ServedCredentials) => PreparedAnswer;

  constructor(build: (served: ServedCredentials) => PreparedAnswer = buildAnswer) {
    this.#build = build;
  }

  for(served: ServedCredentials): PreparedAnswer {
    let answer = this.#kept.get(served);
    if (answer === undefined) {
      answer = this.#build(served);
      this.#kept.set(served, answer);
    }
    return answer;
  }
}
