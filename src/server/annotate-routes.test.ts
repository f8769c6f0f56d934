import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG, type PeopleConfig } from '../core/project.js';
import { createRng } from '../core/rng.js';
import { buildQueue } from '../pipeline/people/index.js';
import { item, project as aProject, vote } from '../testing/builders/index.js';
import { labelRun } from '../testing/builders/run-builders.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';
import { signedIn } from '../testing/people/signed-in.js';
import { createServer } from './create-server.js';

/** A value no person may ever be sent: it sits only in columns outside the project's fields. */
const SECRET = 'SECRET-TRUTH-VALUE';
const MODEL = 'llm:m#abc';

interface Served {
  itemId: string;
  fields: Record<string, unknown>;
  exam: boolean;
  suggestion?: { label: string; confidence: number | null } | null;
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function setUp(people: Partial<PeopleConfig> = {}) {
  const store = new MemoryStore();
  let now = Date.UTC(2026, 0, 1);
  const clock = { now: () => now };
  const project = aProject({
    people: {
      ...DEFAULT_PEOPLE_CONFIG,
      exam: { size: 0, threshold: 0 },
      controlRate: 0,
      ...people,
    },
  });
  const pool = (id: string, text: string) =>
    item(id, { fields: { text, truth: SECRET, gold: SECRET, label: SECRET } });
  await store.upsertItems([
    pool('p1', 'first'),
    pool('p2', 'second'),
    item('c1', { fields: { text: 'control', truth: SECRET }, role: 'control', goldLabel: 'spam' }),
    item('g1', { fields: { text: 'gold', truth: SECRET }, role: 'gold', goldLabel: 'ham' }),
  ]);
  const ctx = { store, project, clock, rng: createRng(1) };
  await buildQueue(ctx);
  const ids = new Map<string, string>();
  const invite = async (name: string, role: 'annotator' | 'reviewer' = 'annotator') => {
    const person = await signedIn(ctx, { name, role });
    ids.set(person.session, person.id);
    return person.session;
  };
  const tokens = {
    ada: await invite('Ada'),
    ana1: await invite('Ana'),
    ana2: await invite('Ana'),
    rev: await invite('Rita', 'reviewer'),
  };
  app = await createServer({ ...ctx, rateLimits: { loginPerMinute: 50 } });
  const server = app;
  const call = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const reply = await server.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
    return { status: reply.statusCode, body: reply.body, json: () => reply.json<unknown>() };
  };
  const next = async (token: string) =>
    (await call(token, 'GET', '/api/next')).json() as { item: Served | null };
  return {
    store,
    tokens,
    call,
    next,
    idOf: (token: string) => ids.get(token) ?? '',
    advance: (ms: number) => (now += ms),
  };
}

describe('what people are shown', () => {
  it('never sends a truth, gold or label column of a pool file to an annotator or a reviewer', async () => {
    const { tokens, call, next, store } = await setUp();
    const bodies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await call(tokens.ada, 'GET', '/api/next');
      bodies.push(reply.body);
      const served = (reply.json() as { item: Served | null }).item;
      if (served) expect(Object.keys(served.fields)).toEqual(['text']);
    }
    const p1 = (await next(tokens.ana1)).item;
    expect(p1).not.toBeNull();
    await call(tokens.ana1, 'POST', '/api/answers', {
      itemId: p1?.itemId,
      label: 'ham',
      timeSpentMs: 4000,
    });
    bodies.push((await call(tokens.ana1, 'POST', '/api/undo', { itemId: p1?.itemId })).body);
    await store.people.setReviewReason(['p1', 'p2'], 'rule: votes disagree');
    const review = await call(tokens.rev, 'GET', '/api/review');
    expect(review.status).toBe(200);
    bodies.push(review.body);
    const items = (review.json() as { items: { fields: Record<string, unknown> }[] }).items;
    expect(items.map((i) => i.fields)).toEqual([{ text: 'first' }, { text: 'second' }]);
    for (const body of bodies) expect(body).not.toContain(SECRET);
  });

  it('names the people behind votes and comments, with the id only beside a shared name', async () => {
    const { tokens, call, next, idOf } = await setUp({
      overlap: { human: 3, overlap: 3, max: 5 },
    });
    const id = (token: string) => Promise.resolve(idOf(token));
    for (const [token, label] of [
      [tokens.ada, 'spam'],
      [tokens.ana1, 'ham'],
      [tokens.ana2, 'spam'],
    ] as const) {
      let served = (await next(token)).item;
      while (served !== null && served.itemId !== 'p1') {
        await call(token, 'POST', '/api/answers', {
          itemId: served.itemId,
          label: null,
          timeSpentMs: 0,
        });
        served = (await next(token)).item;
      }
      await call(token, 'POST', '/api/answers', { itemId: 'p1', label, timeSpentMs: 5000 });
    }
    await call(tokens.ada, 'POST', '/api/flags', { itemId: 'p1', comment: '  two   languages ' });
    const review = (await call(tokens.rev, 'GET', '/api/review')).json() as {
      items: { itemId: string; reason: string; votes: { name: string }[]; comments: unknown[] }[];
    };
    const p1 = review.items.find((i) => i.itemId === 'p1');
    expect(p1?.reason).toBe('flagged: two languages');
    expect(p1?.votes.map((v) => v.name)).toEqual([
      'Ada',
      `Ana (${await id(tokens.ana1)})`,
      `Ana (${await id(tokens.ana2)})`,
    ]);
    expect(p1?.comments).toEqual([
      { name: 'Ada', text: 'two languages', at: '2026-01-01T00:00:00.000Z' },
    ]);
  });
});

describe('flag / comment', () => {
  it('refuses a flag on an item never given, or with an empty comment', async () => {
    const { tokens, call, next } = await setUp();
    expect(
      (await call(tokens.ada, 'POST', '/api/flags', { itemId: 'p1', comment: 'x' })).status,
    ).toBe(409);
    const served = (await next(tokens.ada)).item;
    const blank = await call(tokens.ada, 'POST', '/api/flags', {
      itemId: served?.itemId,
      comment: '   ',
    });
    expect(blank.status).toBe(400);
    expect(blank.body).toMatch(/comment needs 1 to 1000 characters/);
  });

  it('answers a flag on a control as on a task, keeps the comment, and leaves gold out of review', async () => {
    const { tokens, call, next, store } = await setUp({ controlRate: 1 });
    const served = (await next(tokens.ada)).item;
    expect(served?.itemId).toBe('c1');
    const reply = await call(tokens.ada, 'POST', '/api/flags', {
      itemId: 'c1',
      comment: 'odd one',
    });
    expect(reply).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect((await store.people.listComments({ itemIds: ['c1'] }))[0]?.text).toBe('odd one');
    expect((await store.people.getQueueEntry('c1'))?.reviewReason).toBeNull();
  });
});

describe('progress', () => {
  it('counts my answers against what is open to me, and the project’s against its overlap', async () => {
    const { tokens, call, next } = await setUp({ overlap: { human: 2, overlap: 2, max: 5 } });
    const progress = async (token: string) => (await call(token, 'GET', '/api/progress')).json();
    // p1 and p2 want 2 answers each; c1 is a control, open to everyone, never in the project's count.
    expect(await progress(tokens.ada)).toEqual({
      mine: { done: 0, target: 3 },
      project: { done: 0, target: 4 },
    });
    const served = (await next(tokens.ada)).item;
    await call(tokens.ada, 'POST', '/api/answers', {
      itemId: served?.itemId,
      label: 'spam',
      timeSpentMs: 4000,
    });
    const skipped = (await next(tokens.ada)).item;
    await call(tokens.ada, 'POST', '/api/answers', {
      itemId: skipped?.itemId,
      label: null,
      timeSpentMs: 0,
    });
    expect((await progress(tokens.ada)) as object).toMatchObject({ mine: { done: 1, target: 2 } });
  });
});

describe('pre-annotation', () => {
  async function labelled(preAnnotate: boolean) {
    const set = await setUp({ preAnnotate, controlRate: 0.5 });
    await set.store.createRun(labelRun('label-1', MODEL));
    await set.store.addVotes([
      vote('p1', MODEL, { label: 'ham', probabilities: { ham: 0.8, spam: 0.2 } }),
      vote('p2', MODEL, { label: 'spam', probabilities: { ham: 0.1, spam: 0.9 } }),
      vote('c1', MODEL, { label: 'spam', probabilities: { ham: 0.3, spam: 0.7 } }),
    ]);
    const served: Served[] = [];
    // A reload gives back the live lease: `holding` asks for the next one, as the page's prefetch does.
    for (let i = 0; i < 3; i++) {
      const holding = served.map((s) => `holding=${encodeURIComponent(s.itemId)}`).join('&');
      const reply = await set.call(set.tokens.ada, 'GET', `/api/next?${holding}`);
      const got = (reply.json() as { item: Served | null }).item;
      if (got) served.push(got);
    }
    return new Map(served.map((s) => [s.itemId, s.suggestion]));
  }

  it('is off by default: no suggestion is sent', async () => {
    expect(aProject().people.preAnnotate).toBe(false);
    const shown = await labelled(false);
    expect([...shown.values()]).toEqual([null, null, null]);
  });

  it('when on, sends the current labeller’s label and confidence, for controls as for tasks', async () => {
    const shown = await labelled(true);
    expect(shown.get('p1')).toEqual({ label: 'ham', confidence: 0.8 });
    expect(shown.get('p2')).toEqual({ label: 'spam', confidence: 0.9 });
    expect(shown.get('c1')).toEqual({ label: 'spam', confidence: 0.7 });
  });

  it('never suggests on an exam item: the exam measures the person alone', async () => {
    const set = await setUp({ preAnnotate: true, exam: { size: 1, threshold: 0.5 } });
    await set.store.createRun(labelRun('label-1', MODEL));
    await set.store.addVotes([vote('g1', MODEL, { label: 'ham' })]);
    const served = (await set.next(set.tokens.ada)).item;
    expect(served).toMatchObject({ itemId: 'g1', exam: true, suggestion: null });
  });
});
