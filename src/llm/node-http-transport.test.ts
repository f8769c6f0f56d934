import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpTransport } from './node-http-transport.js';

describe('createNodeHttpTransport', () => {
  let url = '';
  const seen: { method?: string; auth?: string; length?: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method,
        auth: req.headers.authorization,
        length: req.headers['content-length'],
        body,
      });
      if (req.url === '/cut') {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"partial":');
        setTimeout(() => res.destroy(), 10);
        return;
      }
      if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 1000);
        return;
      }
      res.setHeader('retry-after', '3');
      res.setHeader('x-many', ['a', 'b']);
      res.writeHead(429);
      res.end('{"error":"slow down"}');
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = createNodeHttpTransport({ maxSockets: 2 });
  const init = (signal = new AbortController().signal) => ({
    method: 'POST' as const,
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: '{"x":1}',
    signal,
  });

  it('posts the body with its length (not chunked) and headers; returns status, headers and text', async () => {
    const res = await post(`${url}/`, init());
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('3');
    expect(res.headers.get('x-many')).toBe('a, b');
    expect(res.headers.get('absent')).toBeNull();
    expect(await res.text()).toBe('{"error":"slow down"}');
    expect(seen.at(-1)).toEqual({ method: 'POST', auth: 'Bearer k', length: '7', body: '{"x":1}' });
  });

  it('rejects when the connection drops mid-body', async () => {
    await expect(post(`${url}/cut`, init())).rejects.toThrow();
  });

  it('rejects at once when aborted', async () => {
    const controller = new AbortController();
    const pending = post(`${url}/slow`, init(controller.signal));
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await expect(pending).rejects.toThrow(/abort/i);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
