import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FetchLike } from './http-attempt.js';

/** Options of `createNodeHttpTransport`. */
export interface NodeHttpTransportOptions {
  /** Open connections per server; match the request concurrency. */
  readonly maxSockets: number;
}

/**
 * The adapter's default transport: `node:http(s)` with keep-alive connections, shaped like the
 * `fetch` slice the adapter uses. Measured on the fake server, Node 20's global `fetch`
 * (undici, with WHATWG streams) costs about twice the CPU per request, which at hundreds of
 * requests per second is the difference between keeping up and not.
 * Idle connections do not keep the process alive.
 * @example const post = createNodeHttpTransport({ maxSockets: 64 });
 * Complexity: O(size of the response body) per request.
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions): FetchLike {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets }),
  };
  return (url, init) =>
    new Promise((resolve, reject) => {
      const secure = url.startsWith('https:');
      const send = secure ? httpsRequest : httpRequest;
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const req = send(
        url,
        {
          method: init.method,
          headers: init.headers,
          agent: secure ? agents.https : agents.http,
          signal: init.signal,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('aborted', () =>
            fail(new Error('the connection closed before the response ended')),
          );
          res.on('end', () => {
            if (settled) return;
            settled = true;
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              headers: { get: (name) => headerValue(res, name) },
              text: () => Promise.resolve(text),
            });
          });
        },
      );
      req.on('error', fail);
      req.end(init.body);
    });
}

function headerValue(res: IncomingMessage, name: string): string | null {
  const value = res.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
