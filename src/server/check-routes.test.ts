import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { decision, item, project as aProject, vote } from '../testing/builders/index.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';
import { signedIn } from '../testing/people/signed-in.js';
import { createServer } from './create-server.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const drawnAt = '2026-01-01T00:00:00.000Z';

/** Pool p1–p3 with machine votes and decisions, p1 and p2 drawn for checks; three people signed in. */
async function world() {
  const clock = { now: () => Date.UTC(2026, 0, 1) };
  const store = new MemoryStore();
  await store.upsertItems([
    item('p1', { fields: { text: 'buy cheap pills', truth: 'spam' } }),
    item('p2', { fields: { text: 'see you at lunch' } }),
    item('p3'),
  ]);
  await store.addVotes([
    vote('p1', 'llm:m#p', { label: 'ham', probabilities: { ham: 0.9, spam: 0.1 } }),
  ]);
  await store.putDecisions([
    decision('p1', { label: 'ham', decidedBy: 'auto', zone: 'accept', confidence: 0.9 }),
  ]);
  await store.addChecks(
    ['p1', 'p2'].map((itemId) => ({
      itemId,
      draw: 1,
      stratum: 'ham@0.9-0.95',
      stratumSize: 3,
      probability: 2 / 3,
      drawnAt,
    })),
  );
  const project = aProject({
    labels: [
      { name: 'spam', description: 'Unwanted selling.' },
      { name: 'ham', description: 'Anything else.' },
    ],
  });
  const ctx = { store, project, clock, rng: createRng(5) };
  const people = {
    ann: await signedIn(ctx, { name: 'Ada', role: 'annotator' }),
    reviewer: await signedIn(ctx, { name: 'Rita', role: 'reviewer' }),
    admin: await signedIn(ctx, { name: 'Root', role: 'admin' }),
  };
  app = await createServer({
    ...ctx,
    rateLimits: {
      loginPerMinute: 5,
      loginFailuresPerAddress: 10,
      loginBlockAfterFailures: 100,
      answersPerMinute: 10_000,
    },
  });
  return { app, store, people };
}

const as = (session: string) => ({ authorization: `Bearer ${session}` });

/** `GET /api/checks`, as the person with this session (none: signed out). */
function getChecks(app: FastifyInstance, session?: string) {
  return app.inject({
    method: 'GET',
    url: '/api/checks',
    ...(session === undefined ? {} : { headers: as(session) }),
  });
}

/** `POST /api/checks/:itemId` with a label, as the person with this session. */
function answer(app: FastifyInstance, session: string, itemId: string, label: string) {
  return app.inject({
    method: 'POST',
    url: `/api/checks/${itemId}`,
    headers: as(session),
    payload: { label },
  });
}

describe('the Checks queue over HTTP', () => {
  it('shows reviewers the waiting checks with the project fields only, never the machine label', async () => {
    const { app, people } = await world();
    const response = await getChecks(app, people.reviewer.session);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        { itemId: 'p1', fields: { text: 'buy cheap pills' } },
        { itemId: 'p2', fields: { text: 'see you at lunch' } },
      ],
      waiting: 2,
      labelled: 0,
    });
    expect(response.body).not.toMatch(/ham@|0\.9|truth|"ham"|llm:/);
  });

  it('takes a reviewer’s answer as the expert label and the item’s final decision', async () => {
    const { app, store, people } = await world();
    const answered = await answer(app, people.reviewer.session, 'p1', 'spam');
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toEqual({ itemId: 'p1', label: 'spam' });
    const [check] = await store.listChecks({ labelled: true });
    expect(check).toMatchObject({
      itemId: 'p1',
      label: 'spam',
      labelledBy: `reviewer:${people.reviewer.id}`,
    });
    expect((await store.listDecisions({ itemIds: ['p1'] }))[0]).toMatchObject({
      label: 'spam',
      decidedBy: 'expert',
      zone: 'accept',
    });
    const queue = await getChecks(app, people.admin.session);
    expect(queue.json()).toMatchObject({ items: [{ itemId: 'p2' }], waiting: 1, labelled: 1 });
  });

  it('refuses a plain annotator reading or answering a check, and writes nothing', async () => {
    const { app, store, people } = await world();
    const read = await getChecks(app, people.ann.session);
    expect(read.statusCode).toBe(403);
    expect(read.body).not.toMatch(/pills/);
    const answered = await answer(app, people.ann.session, 'p1', 'spam');
    expect(answered.statusCode).toBe(403);
    const anonymous = await getChecks(app);
    expect(anonymous.statusCode).toBe(401);
    expect(await store.listChecks({ labelled: true })).toEqual([]);
    expect((await store.listDecisions({ itemIds: ['p1'] }))[0]?.decidedBy).toBe('auto');
  });

  it('refuses an item never drawn (404) and a label outside the label set (400)', async () => {
    const { app, store, people } = await world();
    const notDrawn = await answer(app, people.reviewer.session, 'p3', 'spam');
    expect(notDrawn.statusCode).toBe(404);
    expect(notDrawn.json()).toMatchObject({ code: 'NOT_FOUND' });
    const badLabel = await answer(app, people.reviewer.session, 'p1', 'eggs');
    expect(badLabel.statusCode).toBe(400);
    expect(await store.listChecks({ labelled: true })).toEqual([]);
  });
});
