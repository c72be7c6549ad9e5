/**
 * Hosts that name this machine. Plain http is allowed to them (and only them)
 * so tests can stand in a local server for AWS; the traffic never leaves the box.
 */
export function isLoopbackHostname(hostname: string): boolean {
  // URL.hostname keeps the brackets of an IPv6 literal.
  return ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(hostname.toLowerCase());
}
