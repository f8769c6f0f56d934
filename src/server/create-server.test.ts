import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG } from '../core/project.js';
import { createRng } from '../core/rng.js';
import type { Item } from '../core/types.js';
import { buildQueue } from '../pipeline/people/index.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';
import { inviteAnnotator } from '../pipeline/people/index.js';
import { item, project as aProject } from '../testing/builders/index.js';
import { signedIn } from '../testing/people/signed-in.js';
import { createServer } from './create-server.js';

const project = aProject({
  name: 'spam',
  labels: [{ name: 'spam', description: 'unwanted' }, 'ham'],
  guidelines: '# Guidelines',
  prices: { models: {}, humanHourlyUsd: 20, humanItemsPerHour: 120, hostingPerHourUsd: 0 },
  people: { ...DEFAULT_PEOPLE_CONFIG, exam: { size: 0, threshold: 0 }, controlRate: 0 },
});

let app: FastifyInstance;
let store: MemoryStore;
let now: number;
let admin: string;
let ann: string;
let other: string;
let invitation: string;

beforeEach(async () => {
  store = new MemoryStore();
  now = Date.UTC(2026, 0, 1);
  const clock = { now: () => now };
  const items: Item[] = [
    item('p1', { fields: { text: 'hello', internal: 'hidden' } }),
    item('p2', { fields: { text: 'world' } }),
    item('c1', { fields: { text: 'win money' }, role: 'control', goldLabel: 'spam' }),
  ];
  await store.upsertItems(items);
  const ctx = { store, project, clock, rng: createRng(3) };
  await buildQueue(ctx);
  admin = (await signedIn(ctx, { name: 'Root', role: 'admin' })).session;
  ann = (await signedIn(ctx, { name: 'Ada', role: 'annotator' })).session;
  other = (await signedIn(ctx, { name: 'Bob', role: 'annotator' })).session;
  invitation = (await inviteAnnotator(store.people, clock, { name: 'Eve', role: 'annotator' }))
    .token;
  app = await createServer({ ...ctx, rateLimits: { loginPerMinute: 5 } });
});
afterEach(async () => {
  await app.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('annotation server', () => {
  it('signs in with an invitation into an HttpOnly SameSite=Strict cookie, and signs out', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { token: invitation },
    });
    expect(login.statusCode).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    expect(login.json()).toMatchObject({
      name: 'Eve',
      role: 'annotator',
      session: null,
      project: { labels: [{ name: 'spam' }, { name: 'ham' }] },
    });
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/hilo_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const session = /hilo_session=([^;]+)/.exec(setCookie)?.[1] ?? '';
    const me = await app.inject({
      method: 'GET',
      url: '/api/me',
      cookies: { hilo_session: session },
    });
    expect(me.json()).toMatchObject({ name: 'Eve' });
    await app.inject({ method: 'POST', url: '/api/logout', cookies: { hilo_session: session } });
    expect(
      (await app.inject({ method: 'GET', url: '/api/me', cookies: { hilo_session: session } }))
        .statusCode,
    ).toBe(401);
  });

  it('stores tokens only hashed', async () => {
    const people = await store.people.listAnnotators();
    expect(JSON.stringify(people)).not.toContain(ann);
    expect(JSON.stringify(people)).not.toContain(invitation);
  });

  it('refuses forged and expired tokens', async () => {
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/me',
          headers: bearer('forged-token-forged-token'),
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/next', cookies: { hilo_session: 'forged' } }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await app.inject({ method: 'POST', url: '/api/login', payload: { token: 'x'.repeat(43) } })
      ).json(),
    ).toMatchObject({ code: 'UNAUTHENTICATED' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { token: invitation },
    });
    const session = /hilo_session=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? '';
    now += (DEFAULT_PEOPLE_CONFIG.sessionDays + 1) * 86_400_000;
    expect(
      (await app.inject({ method: 'GET', url: '/api/me', cookies: { hilo_session: session } }))
        .statusCode,
    ).toBe(401);
  });

  it('caps sign-in attempts per address per minute, valid or not', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++)
      codes.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/login',
            payload: { token: 'y'.repeat(43) },
          })
        ).statusCode,
      );
    expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    const valid = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { token: invitation },
    });
    expect(valid.statusCode).toBe(429);
  });

  it('serves only the project fields, never gold before the answer, and feedback after', async () => {
    const served: { itemId: string; fields: Record<string, unknown> }[] = [];
    for (let i = 0; i < 3; i++) {
      // The page holds what it was served (a prefetch): the next call leases another item.
      const holding = served.map((s) => `holding=${s.itemId}`).join('&');
      const url = `/api/next${holding === '' ? '' : `?${holding}`}`;
      const next = await app.inject({ method: 'GET', url, headers: bearer(ann) });
      const body = next.json<{
        item: { itemId: string; fields: Record<string, unknown> } | null;
      }>();
      expect(next.body).not.toMatch(/goldLabel|"role"|hidden|"spam"/);
      if (body.item) served.push(body.item);
    }
    expect(served.map((s) => s.itemId).sort()).toEqual(['c1', 'p1', 'p2']);
    expect(served.find((s) => s.itemId === 'p1')?.fields).toEqual({ text: 'hello' });
    const answer = await app.inject({
      method: 'POST',
      url: '/api/answers',
      headers: bearer(ann),
      payload: { itemId: 'c1', label: 'ham', timeSpentMs: 5000 },
    });
    expect(answer.json()).toMatchObject({ feedback: { correct: false, goldLabel: 'spam' } });
  });

  it('refuses answers on items not leased to the caller and labels outside the set', async () => {
    const next = await app.inject({ method: 'GET', url: '/api/next', headers: bearer(ann) });
    const itemId = next.json<{ item: { itemId: string } }>().item.itemId;
    const stolen = await app.inject({
      method: 'POST',
      url: '/api/answers',
      headers: bearer(other),
      payload: { itemId, label: 'spam', timeSpentMs: 5000 },
    });
    expect(stolen.statusCode).toBe(409);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/answers',
      headers: bearer(ann),
      payload: { itemId, label: 'eggs', timeSpentMs: 5000 },
    });
    expect(bad.json()).toMatchObject({ code: 'INVALID_INPUT' });
    const extra = await app.inject({
      method: 'POST',
      url: '/api/answers',
      headers: bearer(ann),
      payload: { itemId, label: 'spam', timeSpentMs: 5000, source: 'human:x' },
    });
    expect(extra.statusCode).toBe(400);
  });

  it('keeps annotators out of admin and review routes, which show votes', async () => {
    for (const [method, url] of [
      ['GET', '/api/dashboard'],
      ['GET', '/api/annotators'],
      ['POST', '/api/annotators'],
      ['PATCH', '/api/annotators/x'],
      ['GET', '/api/review'],
      ['POST', '/api/review/p1'],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: bearer(ann),
        payload: { name: 'Eve', label: 'spam' },
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect((await app.inject({ method, url })).statusCode, `${method} ${url} anonymous`).toBe(
        401,
      );
    }
    expect(
      (await app.inject({ method: 'GET', url: '/api/votes', headers: bearer(ann) })).statusCode,
    ).toBe(404);
  });

  it('lets an admin invite, see quality and suspend reversibly', async () => {
    const invited = await app.inject({
      method: 'POST',
      url: '/api/annotators',
      headers: bearer(admin),
      payload: { name: 'Cy' },
    });
    expect(invited.json()).toMatchObject({
      name: 'Cy',
      role: 'annotator',
      expiresAt: new Date(now + DEFAULT_PEOPLE_CONFIG.invitationHours * 3_600_000).toISOString(),
    });
    expect(invited.headers['cache-control']).toBe('no-store');
    const id = invited.json<{ id: string }>().id;
    const suspended = await app.inject({
      method: 'PATCH',
      url: `/api/annotators/${id}`,
      headers: bearer(admin),
      payload: { state: 'suspended', reason: 'check' },
    });
    expect(suspended.json()).toMatchObject({ state: 'suspended', reason: 'check' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { token: invited.json<{ token: string }>().token, bearer: true },
    });
    const token = login.json<{ session: string }>().session;
    expect(
      (await app.inject({ method: 'GET', url: '/api/next', headers: bearer(token) })).statusCode,
    ).toBe(409);
    const back = await app.inject({
      method: 'PATCH',
      url: `/api/annotators/${id}`,
      headers: bearer(admin),
      payload: { state: 'active' },
    });
    expect(back.json()).toMatchObject({ state: 'active', reason: null });
    const dash = await app.inject({ method: 'GET', url: '/api/dashboard', headers: bearer(admin) });
    expect(dash.json<{ annotators: unknown[] }>().annotators).toHaveLength(5);
  });

  it('undoes an answer: the vote goes and the item is leased again', async () => {
    const next = await app.inject({ method: 'GET', url: '/api/next', headers: bearer(ann) });
    const itemId = next.json<{ item: { itemId: string } }>().item.itemId;
    await app.inject({
      method: 'POST',
      url: '/api/answers',
      headers: bearer(ann),
      payload: { itemId, label: 'spam', timeSpentMs: 4000 },
    });
    expect(await store.listVotes({ itemIds: [itemId] })).toHaveLength(1);
    const undo = await app.inject({
      method: 'POST',
      url: '/api/undo',
      headers: bearer(ann),
      payload: { itemId },
    });
    expect(undo.json()).toMatchObject({ itemId });
    expect(await store.listVotes({ itemIds: [itemId] })).toHaveLength(0);
    const again = await app.inject({
      method: 'POST',
      url: '/api/answers',
      headers: bearer(ann),
      payload: { itemId, label: 'ham', timeSpentMs: 4000 },
    });
    expect(again.statusCode).toBe(200);
  });

  it('publishes an OpenAPI document generated from the contract', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/answers');
    expect(JSON.stringify(doc.paths['/api/answers']?.post?.requestBody)).toContain('timeSpentMs');
  });
});
