import { describe, expect, it } from 'vitest';
import { xmlInner, xmlText } from '../../../electron/core/sts/xml-text';

const RESPONSE = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><AssumedRoleId>AROA1:s</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser>
    <Credentials><AccessKeyId>ASIA1</AccessKeyId><Expiration>2026-12-01T16:41:34Z</Expiration></Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>`;

describe('xmlText', () => {
  it('finds an element by its path', () => {
    expect(
      xmlText(RESPONSE, ['AssumeRoleResponse', 'AssumeRoleResult', 'Credentials', 'AccessKeyId']),
    ).toBe('ASIA1');
    expect(xmlText(RESPONSE, ['AssumedRoleUser', 'Arn'])).toBe('arn:aws:sts::1:assumed-role/r/s');
    expect(xmlText(RESPONSE, ['Credentials', 'SessionToken'])).toBeUndefined();
  });

  it('does not take a longer name for the one asked', () => {
    expect(
      xmlText('<AccessKeyIdX>no</AccessKeyIdX><AccessKeyId>yes</AccessKeyId>', ['AccessKeyId']),
    ).toBe('yes');
  });

  it('decodes entities in text, and only there', () => {
    const error =
      '<Error><Message>User: a &amp; b is not &lt;allowed&gt; &#x263A; &#65; &bogus;</Message></Error>';
    expect(xmlText(error, ['Error', 'Message'])).toBe('User: a & b is not <allowed> ☺ A &bogus;');
    // A decoded "<Code>" inside a message never becomes an element.
    expect(
      xmlText('<Error><Message>&lt;Code&gt;x&lt;/Code&gt;</Message></Error>', ['Error', 'Code']),
    ).toBeUndefined();
  });

  it('treats an element cut off by a truncated body as missing', () => {
    const cut = RESPONSE.slice(0, RESPONSE.indexOf('</Credentials>') + 5);
    expect(xmlInner(cut, ['AssumeRoleResponse', 'AssumeRoleResult'])).toBeUndefined();
  });

  it('reads tags with attributes after any XML white space, and skips an empty <name/>', () => {
    expect(xmlText('<Arn\txmlns="x">a</Arn>', ['Arn'])).toBe('a');
    expect(xmlText('<Arn\n  id="1"\r\n>b</Arn>', ['Arn'])).toBe('b');
    expect(xmlText('<Arn/><Arn>c</Arn>', ['Arn'])).toBe('c');
    expect(xmlText('<Ar>no</Ar><Arn>d</Arn>', ['Arn'])).toBe('d');
    expect(xmlText('<Arn>e</Arn>', ['Ar'])).toBeUndefined();
  });
});
