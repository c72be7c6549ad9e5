/**
 * The catalog most list tests start from: five roles across three accounts,
 * two of them with a group, colours and a tag.
 */
import type { SessionManager } from '../../../electron/core/session/session-manager';
import { roleForm } from './popup-harness';

/** A small catalog across three accounts, two of them with an alias (group). */
export async function addCatalog(engine: SessionManager) {
  await engine.addRole({
    ...roleForm('Prod admin', { profile: 'prod-admin', group: 'prod', color: 'f2b0a9' }),
    roleArn: 'arn:aws:iam::210987654321:role/Admin',
  });
  await engine.addRole({
    ...roleForm('Prod read-only', { profile: 'prod-ro', group: 'prod', color: 'b7ca9d' }),
    roleArn: 'arn:aws:iam::210987654321:role/ReadOnly',
  });
  await engine.addRole({
    ...roleForm('Staging dev', { profile: 'staging-dev', group: 'staging', color: '83d4e8' }),
    roleArn: 'arn:aws:iam::345678901234:role/Developer',
  });
  await engine.addRole({
    ...roleForm('Billing', { profile: 'billing', tags: ['finance'] }),
    roleArn: 'arn:aws:iam::456789012345:role/BillingViewer',
  });
  await engine.addRole({
    ...roleForm('Sandbox', { profile: 'sandbox', color: 'efda95' }),
    roleArn: 'arn:aws:iam::456789012345:role/Sandbox',
  });
}
