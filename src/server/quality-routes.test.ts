import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG, type PeopleConfig } from '../core/project.js';
import { createRng } from '../core/rng.js';
import type { Item } from '../core/types.js';
import { buildQueue } from '../pipeline/people/index.js';
import { item, project as aProject } from '../testing/builders/index.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';
import { signedIn } from '../testing/people/signed-in.js';
import { createServer } from './create-server.js';

interface World {
  readonly app: FastifyInstance;
  readonly store: MemoryStore;
  tick(ms: number): void;
  readonly tokens: { ann: string; bot: string; admin: string; reviewer: string };
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Exam g1–g5 (gold alternating spam/ham), controls c1–c6, pool p1–p30, on a virtual clock. */
async function world(people: Partial<PeopleConfig> = {}): Promise<World> {
  let now = Date.UTC(2026, 0, 1);
  const clock = { now: () => now };
  const store = new MemoryStore();
  const gold = (i: number) => (i % 2 === 0 ? 'spam' : 'ham');
  const items: Item[] = [
    ...Array.from({ length: 30 }, (_, i) => item(`p${i + 1}`, { fields: { text: `pool ${i}` } })),
    ...Array.from({ length: 6 }, (_, i) =>
      item(`c${i + 1}`, { fields: { text: `control ${i}` }, role: 'control', goldLabel: gold(i) }),
    ),
    ...Array.from({ length: 5 }, (_, i) =>
      item(`g${i + 1}`, { fields: { text: `gold ${i}` }, role: 'gold', goldLabel: gold(i) }),
    ),
  ];
  await store.upsertItems(items);
  const project = aProject({
    labels: [
      { name: 'spam', description: 'Unwanted selling.' },
      { name: 'ham', description: 'Anything else.' },
    ],
    guidelines: 'Read the whole message.\n\nSpam sells something nobody asked for.',
    people: { ...DEFAULT_PEOPLE_CONFIG, controlRate: 0, ...people },
  });
  const ctx = { store, project, clock, rng: createRng(5) };
  await buildQueue(ctx);
  const invite = async (name: string, role: 'annotator' | 'reviewer' | 'admin') =>
    (await signedIn(ctx, { name, role })).session;
  const tokens = {
    ann: await invite('Ada', 'annotator'),
    bot: await invite('Bot', 'annotator'),
    admin: await invite('Root', 'admin'),
    reviewer: await invite('Rita', 'reviewer'),
  };
  app = await createServer({
    ...ctx,
    rateLimits: { loginPerMinute: 5, answersPerMinute: 10_000 },
  });
  return { app, store, tokens, tick: (ms) => (now += ms) };
}

const as = (token: string) => ({ authorization: `Bearer ${token}` });

async function next(w: World, token: string, holding?: string) {
  const url = holding === undefined ? '/api/next' : `/api/next?holding=${holding}`;
  const response = await w.app.inject({ method: 'GET', url, headers: as(token) });
  expect(response.statusCode).toBe(200);
  return response.json<{ item: { itemId: string; exam: boolean } | null }>().item;
}

async function answer(w: World, token: string, itemId: string, label: string, clientMs = 5000) {
  const response = await w.app.inject({
    method: 'POST',
    url: '/api/answers',
    headers: as(token),
    payload: { itemId, label, timeSpentMs: clientMs },
  });
  return response;
}

async function goldOf(w: World, itemId: string): Promise<string> {
  return (await w.store.getItem(itemId))?.goldLabel ?? '';
}

const other = (label: string) => (label === 'spam' ? 'ham' : 'spam');

describe('quality control over HTTP, against a scripted annotator', () => {
  it('lets an annotator who reloads during the exam, and lets leases expire, finish it', async () => {
    const w = await world();
    const shown = await next(w, w.tokens.ann);
    for (let i = 0; i < 10; i++) expect((await next(w, w.tokens.ann))?.itemId).toBe(shown?.itemId);
    const prefetched = await next(w, w.tokens.ann, shown?.itemId);
    expect(prefetched?.itemId).not.toBe(shown?.itemId);
    w.tick(31 * 60_000);
    let state = 'onboarding';
    for (let i = 0; i < 12 && state === 'onboarding'; i++) {
      const served = await next(w, w.tokens.ann);
      expect(served?.exam).toBe(true);
      w.tick(6000);
      const itemId = served?.itemId ?? '';
      state = (await answer(w, w.tokens.ann, itemId, await goldOf(w, itemId))).json<{
        state: string;
      }>().state;
    }
    expect(state).toBe('active');
  });

  it('scores the first exam answers: 4 of 5 wrong, each retried right after undo, fails', async () => {
    const w = await world();
    let last: { state: string; feedback: unknown } = { state: '', feedback: null };
    for (let i = 0; i < 5; i++) {
      const itemId = (await next(w, w.tokens.bot))?.itemId ?? '';
      const gold = await goldOf(w, itemId);
      w.tick(6000);
      const first = await answer(w, w.tokens.bot, itemId, i < 4 ? other(gold) : gold);
      last = first.json();
      if (i === 4) break;
      expect(first.json()).toMatchObject({
        feedback: { correct: false, goldLabel: gold, appealable: true },
      });
      const undo = await w.app.inject({
        method: 'POST',
        url: '/api/undo',
        headers: as(w.tokens.bot),
        payload: { itemId },
      });
      expect(undo.statusCode).toBe(200);
      expect(undo.body).not.toContain('goldLabel');
      w.tick(6000);
      const retry = await answer(w, w.tokens.bot, itemId, gold);
      expect(retry.json()).toMatchObject({ feedback: null });
    }
    expect(last.state).toBe('suspended');
  });

  it('keeps a control answered wrong first as wrong, and the dashboard says so', async () => {
    const w = await world({ controlRate: 1, exam: { size: 0, threshold: 0 } });
    const itemId = (await next(w, w.tokens.bot))?.itemId ?? '';
    const gold = await goldOf(w, itemId);
    w.tick(6000);
    await answer(w, w.tokens.bot, itemId, other(gold));
    await w.app.inject({
      method: 'POST',
      url: '/api/undo',
      headers: as(w.tokens.bot),
      payload: { itemId },
    });
    w.tick(6000);
    await answer(w, w.tokens.bot, itemId, gold);
    const dashboard = await w.app.inject({
      method: 'GET',
      url: '/api/dashboard',
      headers: as(w.tokens.admin),
    });
    const bot = dashboard
      .json<{ annotators: { name: string; controls: number; controlAccuracy: number }[] }>()
      .annotators.find((a) => a.name === 'Bot');
    expect(bot).toMatchObject({ controls: 1, controlAccuracy: 0 });
  });

  it('suspends a script answering every 23 ms while claiming 5 s', async () => {
    const w = await world({ exam: { size: 0, threshold: 0 } });
    let state = 'active';
    let reason = '';
    for (let i = 0; i < 8 && state === 'active'; i++) {
      const itemId = (await next(w, w.tokens.bot))?.itemId ?? '';
      w.tick(23);
      const body = (await answer(w, w.tokens.bot, itemId, 'spam', 5000)).json<{
        state: string;
        reason: string;
      }>();
      state = body.state;
      reason = body.reason;
    }
    expect(state).toBe('suspended');
    expect(reason).toBe('4 of the last 4 answers under 3 s');
  });

  it('lifts a suspension with a fresh window: one slow answer after it keeps the person active', async () => {
    const w = await world({ exam: { size: 0, threshold: 0 } });
    for (let i = 0; i < 4; i++) {
      const itemId = (await next(w, w.tokens.bot))?.itemId ?? '';
      w.tick(200);
      await answer(w, w.tokens.bot, itemId, 'spam');
    }
    const bot = (await w.store.people.listAnnotators()).find((a) => a.name === 'Bot');
    expect(bot?.state).toBe('suspended');
    w.tick(60_000);
    const lift = await w.app.inject({
      method: 'PATCH',
      url: `/api/annotators/${bot?.id ?? ''}`,
      headers: as(w.tokens.admin),
      payload: { state: 'active' },
    });
    expect(lift.json()).toMatchObject({ state: 'active', reason: null });
    const itemId = (await next(w, w.tokens.bot))?.itemId ?? '';
    w.tick(9000);
    expect((await answer(w, w.tokens.bot, itemId, 'ham')).json()).toMatchObject({
      state: 'active',
      reason: null,
    });
  });

  it('takes an appeal from the annotator and lets only reviewers list and settle it', async () => {
    const w = await world({ controlRate: 1, exam: { size: 0, threshold: 0 } });
    const itemId = (await next(w, w.tokens.ann))?.itemId ?? '';
    const gold = await goldOf(w, itemId);
    w.tick(6000);
    const wrong = await answer(w, w.tokens.ann, itemId, other(gold));
    expect(wrong.json()).toMatchObject({
      feedback: {
        correct: false,
        goldLabel: gold,
        description: gold === 'spam' ? 'Unwanted selling.' : 'Anything else.',
        guideline: gold === 'spam' ? 'Spam sells something nobody asked for.' : null,
        appealable: true,
      },
    });
    const filed = await w.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: as(w.tokens.ann),
      payload: { itemId, comment: 'It asks for nothing.' },
    });
    expect(filed.statusCode).toBe(200);
    const { id } = filed.json<{ id: number }>();
    const empty = await w.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: as(w.tokens.ann),
      payload: { itemId, comment: '   ' },
    });
    expect(empty.statusCode).toBe(400);
    const forbidden = await w.app.inject({
      method: 'GET',
      url: '/api/appeals',
      headers: as(w.tokens.ann),
    });
    expect(forbidden.statusCode).toBe(403);
    const listed = await w.app.inject({
      method: 'GET',
      url: '/api/appeals?state=open',
      headers: as(w.tokens.reviewer),
    });
    expect(listed.json()).toMatchObject({
      appeals: [{ id, annotatorName: 'Ada', label: other(gold), goldLabel: gold, state: 'open' }],
    });
    const settle = (payload: unknown, token = w.tokens.reviewer, target: unknown = id) =>
      w.app.inject({
        method: 'POST',
        url: `/api/appeals/${String(target)}`,
        headers: as(token),
        payload: payload as Record<string, unknown>,
      });
    expect((await settle({ state: 'upheld', note: 'x' }, w.tokens.ann)).statusCode).toBe(403);
    expect((await settle({ state: 'maybe' })).statusCode).toBe(400);
    expect((await settle({ state: 'upheld' }, w.tokens.reviewer, 'abc')).statusCode).toBe(400);
    expect((await settle({ state: 'upheld' }, w.tokens.reviewer, 99)).statusCode).toBe(404);
    const upheld = await settle({ state: 'upheld', note: 'Gold was wrong.', fixGold: true });
    expect(upheld.json()).toMatchObject({ id, state: 'upheld', note: 'Gold was wrong.' });
    expect((await settle({ state: 'rejected' })).statusCode).toBe(409);
    expect(await goldOf(w, itemId)).toBe(other(gold));
    const ada = (await w.store.people.listAnnotators()).find((a) => a.name === 'Ada');
    expect(ada).toMatchObject({ controlsSeen: 1, controlsCorrect: 1 });
  });
});
