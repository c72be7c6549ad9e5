import type { SsoFlow, SsoSignInRequest } from '../../shared/sso-views';
import { checkRecord, checkText, IpcArgumentError, rejectUnknownKeys } from './ipc-arg-checks';

/**
 * The shapes of the Identity Center messages from the renderer. What the
 * values mean (an https start URL, a region, a session name the config has)
 * is the desk's to check, with the one-line errors the form shows.
 */

const FLOWS: Readonly<Record<SsoFlow, true>> = { pkce: true, device: true };

function checkFlow(value: unknown): SsoFlow {
  if (typeof value !== 'string' || !Object.hasOwn(FLOWS, value)) {
    throw new IpcArgumentError('sign-in flow must be pkce or device');
  }
  return value as SsoFlow;
}

export function checkSsoSession(value: unknown): string {
  return checkText(value, 'Identity Center session');
}

export function checkSsoSignInRequest(value: unknown): SsoSignInRequest {
  const record = checkRecord(value, 'sign-in request');
  switch (record.kind) {
    case 'session':
      rejectUnknownKeys(record, { kind: true, session: true, flow: true }, 'sign-in request');
      return {
        kind: 'session',
        session: checkSsoSession(record.session),
        flow: checkFlow(record.flow),
      };
    case 'start-url': {
      const known = { kind: true, startUrl: true, region: true, name: true, flow: true };
      rejectUnknownKeys(record, known, 'sign-in request');
      return {
        kind: 'start-url',
        startUrl: checkText(record.startUrl, 'start URL'),
        region: checkText(record.region, 'SSO region'),
        ...(record.name !== undefined ? { name: checkText(record.name, 'session name') } : {}),
        flow: checkFlow(record.flow),
      };
    }
    default:
      throw new IpcArgumentError('sign-in request kind must be session or start-url');
  }
}
