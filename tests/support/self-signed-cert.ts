/**
 * A throwaway certificate authority for TLS tests: a self-signed certificate for
 * 127.0.0.1 and localhost, made by openssl at test time (nothing checked in), and
 * a second unrelated one to stand for a wrong CA bundle.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  readonly key: string;
  readonly cert: string;
  /** The certificate written to a file, for AWS_CA_BUNDLE. */
  readonly certPath: string;
}

export interface TestCerts {
  readonly server: TestCert;
  /** Another self-signed certificate: a CA bundle that does not vouch for the server. */
  readonly other: TestCert;
  cleanup(): void;
}

function makeCert(dir: string, name: string): TestCert {
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=switchyard-test-${name}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}

export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-tls-'));
  return {
    server: makeCert(dir, 'server'),
    other: makeCert(dir, 'other'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
