import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAwsConsoleOrSigninUrl } from '../../shared/partitions';
import { repoRoot } from '../support/run-cli';

/**
 * What existing tests already prove (cited in docs/reliability.md, not repeated):
 * webPreferences (tests/unit/shell/start-shell.test.ts, entry.test.ts), denied
 * navigation / redirects / webviews / window.open (start-shell.test.ts
 * "refuses navigation…"), sender checks (trusted-sender.test.ts), IPC argument
 * checks (invoke-arg-checks.test.ts) and the first lookalike table
 * (tests/unit/shared/partitions.test.ts). Added here: the CSP and more lookalikes.
 */
describe('renderer Content-Security-Policy', () => {
  const html = readFileSync(`${repoRoot}renderer/index.html`, 'utf8');
  const metas = [
    ...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/g),
  ];

  it('has exactly one CSP meta tag, before any script or stylesheet', () => {
    expect(metas).toHaveLength(1);
    const at = html.indexOf('Content-Security-Policy');
    for (const tag of ['<script', '<link']) {
      const first = html.indexOf(tag);
      if (first >= 0) expect(at).toBeLessThan(first);
    }
  });

  it('denies everything by default and allows nothing remote, inline or eval', () => {
    const policy = new Map(
      metas[0]![1]!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name!, values]),
    );
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    for (const [, values] of policy) {
      for (const v of values) {
        expect(v).not.toMatch(/unsafe-inline|unsafe-eval|\*|^https?:|^http:/);
      }
    }
  });
});

describe('openExternal allow-list: more lookalikes', () => {
  const refused: Array<[string, string]> = [
    ['https://signin.aws.amazon.com.evil.example/federation', 'AWS host as a prefix'],
    ['https://signin.aws.amazon.com./federation', 'trailing dot (another origin)'],
    ['https://signin.aws.amazon.com:8443/federation', 'explicit port'],
    ['https://user:pass@signin.aws.amazon.com/', 'userinfo'],
    ['https://signin.aws.amazon.com%40evil.example/', 'encoded @'],
    ['https://signin.aws.amazon.com%2eevil.example/', 'encoded dot'],
    ['https://signin.aws.аmazon.com/', 'Cyrillic а (IDN homograph)'],
    ['https://signin.aws.amazon.com\u3002evil.example/', 'ideographic full stop'],
    ['https://signin.aws.amazon.co/', 'missing m'],
    ['https://signin.aws.amazon.com.cn.evil.example/', 'cn lookalike'],
    ['https://signin.amazonaws-us-gov.com.evil.example/', 'gov lookalike'],
    ['https://aws.amazon.com/', 'not sign-in or console'],
    ['http://signin.aws.amazon.com/', 'plain http'],
    ['HTTP://SIGNIN.AWS.AMAZON.COM/', 'plain http, upper case'],
    ['javascript:alert(1)//signin.aws.amazon.com', 'javascript:'],
    ['file:///etc/passwd', 'file:'],
    ['data:text/html,signin.aws.amazon.com', 'data:'],
    ['//signin.aws.amazon.com/', 'scheme-relative'],
    ['https:/\\evil.example/signin.aws.amazon.com', 'slash-backslash'],
    ['https://evil.example#@signin.aws.amazon.com/', 'fragment then @'],
    ['https://[::1]/', 'IP literal'],
    ['https://127.0.0.1/', 'loopback'],
    [' https://evil.example/ https://signin.aws.amazon.com/', 'two URLs'],
    ['', 'empty'],
    [`https://signin.aws.amazon.com.${'a'.repeat(5000)}.example/`, 'very long host'],
  ];
  it.each(refused)('refuses %s (%s)', (url) => {
    expect(parseAwsConsoleOrSigninUrl(url)).toBeUndefined();
  });

  const allowed = [
    'https://signin.aws.amazon.com/federation?Action=login',
    'https://us-east-1.signin.aws.amazon.com/oauth?Action=logout',
    'https://SIGNIN.AWS.AMAZON.COM/switchrole',
    'https://console.amazonaws-us-gov.com/',
    'https://signin.amazonaws.cn/federation',
  ];
  it.each(allowed)('allows %s, normalized', (url) => {
    const parsed = parseAwsConsoleOrSigninUrl(url);
    expect(parsed?.protocol).toBe('https:');
    expect(parsed?.hostname).toBe(parsed?.hostname.toLowerCase());
  });
});
