import { describe, expect, it } from 'vitest';
import { checkOpenableUrl } from '../../../electron/core/console/open-url';
import { ssoPageOrigins } from '../../../electron/core/sso/sso-page-origins';

const SESSION = { region: 'eu-west-1', startUrl: 'https://d-9067a1b2c3.awsapps.com/start' };

describe('ssoPageOrigins', () => {
  it("allows the region's OIDC and device pages and the session's portal, nothing else", () => {
    const origins = ssoPageOrigins(SESSION, {});
    expect(origins).toEqual([
      'https://oidc.eu-west-1.amazonaws.com',
      'https://device.sso.eu-west-1.amazonaws.com',
      'https://d-9067a1b2c3.awsapps.com',
    ]);
    const open = (url: string) => checkOpenableUrl(url, false, origins).href;
    expect(open('https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH')).toContain(
      'user_code=ABCD-EFGH',
    );
    expect(open('https://d-9067a1b2c3.awsapps.com/start/#/device?user_code=X')).toContain('#/');
    expect(() => open('https://device.sso.eu-west-1.amazonaws.com.evil.example/')).toThrow(
      /Refusing to open "https:\/\/device\.sso\.eu-west-1\.amazonaws\.com\.evil\.example"/,
    );
    expect(() => open('https://d-0000000000.awsapps.com/start')).toThrow(/Refusing to open/);
    expect(() => open('file:///etc/passwd')).toThrow(/Refusing to open/);
  });

  it('follows a configured OIDC endpoint and the China partition', () => {
    expect(
      ssoPageOrigins(SESSION, { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:4000/' })[0],
    ).toBe('http://127.0.0.1:4000');
    expect(ssoPageOrigins({ ...SESSION, region: 'cn-north-1' }, {}).slice(0, 2)).toEqual([
      'https://oidc.cn-north-1.amazonaws.com.cn',
      'https://device.sso.cn-north-1.amazonaws.com.cn',
    ]);
  });
});
