import { describe, expect, it } from 'vitest';
import { oneLineWarning } from '../../../electron/cli/quiet-sdk-warnings';

describe('oneLineWarning', () => {
  it("gives the AWS SDK's 8-line credential-sources warning a one-line meaning", () => {
    const sdkText = `@aws-sdk/credential-provider-node - defaultProvider::fromEnv WARNING:
    Multiple credential sources detected: 
    Both AWS_PROFILE and the pair AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY static credentials are set.
    This SDK will proceed with the AWS_PROFILE value.
`;
    expect(oneLineWarning(sdkText)).toBe(
      'both AWS_PROFILE and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set; the AWS SDK uses AWS_PROFILE; unset one of them',
    );
  });

  it('keeps the first sentence of any other warning, without the package tag', () => {
    expect(
      oneLineWarning(
        '@aws-sdk - WARN - default STS region of us-east-1 used. See @aws-sdk/credential-providers README and set a region explicitly.',
      ),
    ).toBe('default STS region of us-east-1 used.');
    expect(oneLineWarning('first line\nsecond line. More.')).toBe('first line second line.');
  });

  it('caps a very long line', () => {
    expect(oneLineWarning('x'.repeat(500))).toHaveLength(200);
  });
});
