/**
 * Yardsticks for the endpoint row: a bare node:http server (what any Node HTTP
 * answer costs on this machine, with the same clients) and the endpoint's own
 * time per request, which no client-side stall reaches.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Grant } from './endpoint-clients';

/** A bare node:http server in this process answering a fixed body of about `bodyBytes`. */
export async function startBareServer(
  bodyBytes: number,
): Promise<{ grant: Grant; close: () => Promise<void> }> {
  const body = JSON.stringify({ x: 'x'.repeat(Math.max(0, bodyBytes - 8)) });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    grant: { port: (server.address() as AddressInfo).port, path: '/', token: 'x' },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The endpoint's own time per request on `port`: from its request event to the
 * end of its answer, through Node's http diagnostics channels (no change to the
 * endpoint's code).
 */
export function serverTimes(port: number): { times: number[]; stop: () => void } {
  const times: number[] = [];
  const started = new WeakMap<object, number>();
  type Event = { response: object; socket: { localPort?: number } };
  const onStart = (message: unknown) => {
    const event = message as Event;
    if (event.socket.localPort === port) started.set(event.response, performance.now());
  };
  const onFinish = (message: unknown) => {
    const at = started.get((message as Event).response);
    if (at !== undefined) times.push(performance.now() - at);
  };
  subscribe('http.server.request.start', onStart);
  subscribe('http.server.response.finish', onFinish);
  return {
    times,
    stop: () => {
      unsubscribe('http.server.request.start', onStart);
      unsubscribe('http.server.response.finish', onFinish);
    },
  };
}
