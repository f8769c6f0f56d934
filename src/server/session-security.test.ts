import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG } from '../core/project.js';
import { createRng } from '../core/rng.js';
import { buildQueue, inviteAnnotator } from '../pipeline/people/index.js';
import { item, project as aProject } from '../testing/builders/index.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';
import { signedIn } from '../testing/people/signed-in.js';
import { createServer } from './create-server.js';
import { LOGIN_FAILURE_WINDOW_MS } from './login-guard.js';
import type { RateLimits } from './server-deps.js';

const project = aProject({
  name: 'spam',
  labels: ['spam', 'ham'],
  people: { ...DEFAULT_PEOPLE_CONFIG, exam: { size: 0, threshold: 0 }, controlRate: 0 },
});

let app: FastifyInstance;
let store: MemoryStore;
let now: number;
let ctx: Parameters<typeof createServer>[0];

async function start(limits: Partial<RateLimits> = {}): Promise<void> {
  app = await createServer({ ...ctx, rateLimits: { loginPerMinute: 1000, ...limits } });
}

beforeEach(async () => {
  store = new MemoryStore();
  now = Date.UTC(2026, 0, 1);
  ctx = { store, project, clock: { now: () => now }, rng: createRng(3) };
  await store.upsertItems(['p1', 'p2', 'p3', 'p4'].map((id) => item(id)));
  await buildQueue(ctx);
});
afterEach(async () => {
  await app.close();
});

const invite = async (name: string, role: 'annotator' | 'admin' = 'annotator') =>
  (await inviteAnnotator(store.people, ctx.clock, { name, role, hours: 2 })).token;
const login = (token: string, extra: Record<string, unknown> = {}, ip = '10.0.0.1') =>
  app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { token, ...extra },
    remoteAddress: ip,
  });
const me = (headers: Record<string, string>) =>
  app.inject({ method: 'GET', url: '/api/me', headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('invitations', () => {
  it('sign in once: a second use answers 401 "already used", and the token is no bearer credential', async () => {
    await start();
    const token = await invite('Ada');
    expect((await me(bearer(token))).statusCode).toBe(401);
    const first = await login(token);
    expect(first.statusCode).toBe(200);
    const second = await login(token);
    expect(second.statusCode).toBe(401);
    expect(second.json()).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/^this invitation was already used/),
    });
    expect(second.json<{ message: string }>().message).not.toContain('Ada');
    expect(second.headers['set-cookie']).toBeUndefined();
    expect((await me(bearer(token))).statusCode).toBe(401);
  });

  it('expire after people.invitationHours', async () => {
    await start();
    const token = await invite('Ada');
    now += 2 * 3_600_000;
    const late = await login(token);
    expect(late.statusCode).toBe(401);
    expect(late.json<{ message: string }>().message).toMatch(/^this invitation expired/);
  });

  it('are redeemed by exactly one of two simultaneous sign-ins', async () => {
    await start();
    const token = await invite('Ada');
    const codes = (await Promise.all([login(token), login(token), login(token)])).map(
      (r) => r.statusCode,
    );
    expect(codes.sort()).toEqual([200, 401, 401]);
  });

  it('give API clients a bearer session in the body, never cached, and no cookie', async () => {
    await start();
    const res = await login(await invite('Ada'), { bearer: true });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    const { session, sessionExpiresAt } = res.json<{ session: string; sessionExpiresAt: string }>();
    expect(sessionExpiresAt).toBe(
      new Date(now + DEFAULT_PEOPLE_CONFIG.sessionDays * 86_400_000).toISOString(),
    );
    expect((await me(bearer(session))).json()).toMatchObject({ name: 'Ada' });
  });

  it('are re-issued by an admin: a new link signs in, the unused old one no longer does', async () => {
    await start();
    const admin = (await signedIn(ctx, { name: 'Root', role: 'admin' })).session;
    const old = await invite('Ada');
    const id = (await store.people.listAnnotators()).find((a) => a.name === 'Ada')?.id ?? '';
    const again = await app.inject({
      method: 'POST',
      url: `/api/annotators/${id}/invitation`,
      headers: bearer(admin),
    });
    expect(again.statusCode).toBe(200);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.json()).toMatchObject({ id, name: 'Ada' });
    expect((await login(old)).json<{ message: string }>().message).toMatch(
      /^this invitation link is not valid/,
    );
    expect((await login(again.json<{ token: string }>().token)).statusCode).toBe(200);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/annotators/nobody/invitation',
      headers: bearer(admin),
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('logout', () => {
  it('ends a bearer session: the token is refused afterwards', async () => {
    await start();
    const { session } = await signedIn(ctx, { name: 'Ada', role: 'annotator' });
    expect((await me(bearer(session))).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/logout', headers: bearer(session) });
    expect(out.statusCode).toBe(200);
    expect((await me(bearer(session))).statusCode).toBe(401);
    const next = await app.inject({ method: 'GET', url: '/api/next', headers: bearer(session) });
    expect(next.statusCode).toBe(401);
  });

  it('ends both sessions a request carries, the cookie’s and the bearer’s', async () => {
    await start();
    const a = (await signedIn(ctx, { name: 'Ada', role: 'annotator' })).session;
    const b = (await signedIn(ctx, { name: 'Bob', role: 'annotator' })).session;
    await app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: bearer(b),
      cookies: { hilo_session: a },
    });
    expect((await me(bearer(a))).statusCode).toBe(401);
    expect((await me(bearer(b))).statusCode).toBe(401);
  });
});

describe('rate limits, tried as a cheater', () => {
  it('keys next/answers on the signed-in person: rotating junk cookies do not escape it', async () => {
    await start({ answersPerMinute: 3 });
    const { session } = await signedIn(ctx, { name: 'Ada', role: 'annotator' });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/next',
        headers: { ...bearer(session), cookie: `junk${i}=${i}; hilo_session=forged-${i}` },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 429, 429, 429]);
    // The same person through a cookie with other junk beside it: the same budget.
    const viaCookie = await app.inject({
      method: 'GET',
      url: '/api/next',
      headers: { cookie: `x=${Math.random()}; hilo_session=${session}` },
    });
    expect(viaCookie.statusCode).toBe(429);
    // Another person is not held back by Ada.
    const bob = (await signedIn(ctx, { name: 'Bob', role: 'annotator' })).session;
    const other = await app.inject({ method: 'GET', url: '/api/next', headers: bearer(bob) });
    expect(other.statusCode).toBe(200);
  });

  it('limits requests without a valid session by address', async () => {
    await start({ answersPerMinute: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/answers',
        headers: { cookie: `hilo_session=junk-${i}` },
        payload: { itemId: 'p1', label: 'spam', timeSpentMs: 1000 },
        remoteAddress: '10.0.0.9',
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('sign-in limits per address', () => {
  it('10 bad sign-ins from an address do not lock out another person behind it', async () => {
    await start({ loginFailuresPerAddress: 10, loginBlockAfterFailures: 30 });
    const bob = await invite('Bob');
    for (let i = 0; i < 10; i++)
      expect((await login(`wrong-${i}`.padEnd(43, 'x'))).statusCode).toBe(401);
    const valid = await login(bob);
    expect(valid.statusCode).toBe(200);
    expect(valid.json()).toMatchObject({ name: 'Bob' });
  });

  it('slows a brute force down, then stops it, until the window ends', async () => {
    await start({ loginFailuresPerAddress: 10, loginBlockAfterFailures: 30 });
    const guesses: number[] = [];
    for (let i = 0; i < 30; i++)
      guesses.push((await login(`guess-${i}`.padEnd(43, 'x'))).statusCode);
    expect(guesses.slice(0, 10).every((c) => c === 401)).toBe(true);
    const slowed = await login('guess-x'.padEnd(43, 'x'));
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    expect(guesses.slice(10).every((c) => c === 429)).toBe(true);
    // Past the block, even a valid token from that address waits; other addresses do not.
    const carol = await invite('Carol');
    expect((await login(carol)).statusCode).toBe(429);
    expect((await login(carol, {}, '10.0.0.2')).statusCode).toBe(200);
    now += LOGIN_FAILURE_WINDOW_MS;
    const dan = await invite('Dan');
    expect((await login(dan)).statusCode).toBe(200);
  });
});

describe('cross-site requests', () => {
  it('are refused (403) on next, answers, login and logout; same-origin ones pass', async () => {
    await start();
    const { session } = await signedIn(ctx, { name: 'Ada', role: 'annotator' });
    const cookies = { hilo_session: session };
    const host = 'hilo.example:4100';
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example', host },
      { origin: 'null', host },
    ]) {
      const next = await app.inject({ method: 'GET', url: '/api/next', headers, cookies });
      expect(next.statusCode, JSON.stringify(headers)).toBe(403);
      expect(next.json()).toMatchObject({ code: 'FORBIDDEN' });
      for (const url of ['/api/answers', '/api/login', '/api/logout']) {
        const res = await app.inject({ method: 'POST', url, headers, cookies, payload: {} });
        expect(res.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(await store.people.listAssignments({})).toEqual([]);
    const same = await app.inject({
      method: 'GET',
      url: '/api/next',
      headers: { 'sec-fetch-site': 'same-origin', origin: `http://${host}`, host },
      cookies,
    });
    expect(same.statusCode).toBe(200);
    expect((await me(bearer(session))).statusCode).toBe(200);
  });
});

describe('behind a trusted reverse proxy', () => {
  const loginVia = (token: string, remoteAddress: string, forwardedFor: string) =>
    app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { token },
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it("counts sign-in failures per client, and a client's own X-Forwarded-For is not believed", async () => {
    app = await createServer({
      ...ctx,
      rateLimits: { loginPerMinute: 1000, loginFailuresPerAddress: 5, loginBlockAfterFailures: 8 },
      trustProxy: ['10.9.0.1'],
    });
    // A cheater behind the proxy guesses; only their own address is slowed down.
    for (let i = 0; i < 8; i++)
      await loginVia(`guess-${i}`.padEnd(43, 'x'), '10.9.0.1', '203.0.113.7');
    const other = await invite('Ada');
    expect((await loginVia(other, '10.9.0.1', '198.51.100.4')).statusCode).toBe(200);
    const cheater = await invite('Eve');
    expect((await loginVia(cheater, '10.9.0.1', '203.0.113.7')).statusCode).toBe(429);
    // Not through the proxy: a made-up X-Forwarded-For does not buy a fresh budget.
    for (let i = 0; i < 8; i++)
      await loginVia(`spoof-${i}`.padEnd(43, 'x'), '192.0.2.50', `198.18.0.${i}`);
    const spoofer = await invite('Mallory');
    expect((await loginVia(spoofer, '192.0.2.50', '198.18.0.99')).statusCode).toBe(429);
  });
});
