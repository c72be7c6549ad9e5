import { afterEach, describe, expect, it } from 'vitest';
import { startDaemon, stopDaemon } from '../../support/daemon';
import { USER_FILE, useSourceRoleHome } from '../../support/source-role-home';

const world = useSourceRoleHome();
const { cli } = world;
const CALLER = 'arn:aws:iam::123456789012:user/dev';

/** The last line of stderr: the one error line the CLI prints. */
function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

/** STS refusing AssumeRole as a trust policy that leaves CALLER out does. */
const ACCESS_DENIED = {
  kind: 'error',
  code: 'AccessDenied',
  status: 403,
  message: `User: ${CALLER} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/x`,
} as const;

describe('activate, refresh and status say what went wrong and how to fix it', () => {
  afterEach(() => world.sts.setDefaultFault(null));

  it('activate: AccessDenied names the trust policy and the caller, one line, exit 1', async () => {
    world.sts.setDefaultFault(ACCESS_DENIED);
    const denied = await cli(['activate', world.roleId]);
    expect(denied.code).toBe(1);
    expect(lastLine(denied.stderr)).toMatch(
      new RegExp(
        `^switchyard: Dev admin: The trust policy of role \\S+ does not let ${CALLER} assume it \\(or the role does not exist\\)\\. Ask the role's admin to allow your ARN in its trust policy, or check the role ARN\\.$`,
      ),
    );
    // The table says it too, and --json keeps AWS's own message beside it.
    expect(denied.stdout).toMatch(/Dev admin +dev +error +\S+ +The trust policy of role/);
    const json = await cli(['activate', world.roleId, '--json']);
    const [record] = JSON.parse(json.stdout) as { error: Record<string, string> }[];
    expect(record!.error.message).toMatch(/^AccessDenied: User: /);
    expect(record!.error.explanation).toMatch(/^The trust policy of role/);
    expect(world.home.readCredentials()).toBe(USER_FILE);
  });

  it('activate: a clock off by 20 minutes says so', async () => {
    world.sts.setDefaultFault({
      kind: 'error',
      code: 'SignatureDoesNotMatch',
      status: 403,
      message:
        'Signature expired: 20261206T170000Z is now earlier than 20261206T171500Z (20261206T172000Z - 15 min.)',
    });
    const skewed = await cli(['activate', world.roleId]);
    expect(skewed.code).toBe(1);
    expect(lastLine(skewed.stderr)).toBe(
      'switchyard: Dev admin: This computer’s clock is 20 minutes behind, so AWS refused the request. Set the clock right (turn on automatic date and time), then retry.',
    );
  });

  it('refresh: keys that are wrong name the profile to fix', async () => {
    const activated = await cli(['activate', world.roleId]);
    expect(activated.code).toBe(0);
    world.sts.setDefaultFault({
      kind: 'error',
      code: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
    const refreshed = await cli(['refresh', world.roleId]);
    expect(refreshed.code).toBe(1);
    expect(lastLine(refreshed.stderr)).toBe(
      'switchyard: Dev admin: The access key is wrong or was deleted (profile source). Put working keys in profile source (~/.aws/credentials), then retry.',
    );
    // The table `status` prints (the same one activate and refresh print) says it too.
    expect(refreshed.stdout).toMatch(
      /Dev admin +dev +error .*The access key is wrong or was deleted/,
    );
  });

  it('with a daemon refreshing, activate and status say the same sentence', async () => {
    const daemon = startDaemon(world.home.env);
    try {
      await daemon.waitFor(/refreshing 0 active role\(s\)/);
      world.sts.setDefaultFault(ACCESS_DENIED);
      const denied = await cli(['activate', world.roleId]);
      expect(denied.code).toBe(1);
      expect(lastLine(denied.stderr)).toMatch(
        new RegExp(
          `^switchyard: Dev admin: The trust policy of role \\S+ does not let ${CALLER} assume it`,
        ),
      );
      const status = await cli(['status']);
      expect(status.stdout).toMatch(
        /Dev admin +dev +error .*The trust policy of role \S+ does not let/,
      );
    } finally {
      await stopDaemon(daemon);
    }
  });
});
