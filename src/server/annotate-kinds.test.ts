import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../core/project.js';
import {
  kindWorld,
  multilabelProject,
  pairwiseProject,
  ratingProject,
} from '../testing/people/kind-world.js';
import { signedIn } from '../testing/people/signed-in.js';
import { createServer } from './create-server.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A served project with one annotator and one reviewer, and a call that sends JSON. */
async function serve(config: ProjectConfig) {
  const w = await kindWorld(config, { pool: 4 });
  const ann = await signedIn(w, { name: 'Ada', role: 'annotator' });
  const rev = await signedIn(w, { name: 'Rita', role: 'reviewer' });
  app = await createServer({ ...w, rateLimits: { loginPerMinute: 50 } });
  const server = app;
  const call = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const reply = await server.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
    return { status: reply.statusCode, json: () => reply.json<Record<string, unknown>>() };
  };
  const leased = async () =>
    ((await call(ann.session, 'GET', '/api/next')).json().item as { itemId: string }).itemId;
  const answer = async (label: string | null) => {
    const itemId = await leased();
    const reply = await call(ann.session, 'POST', '/api/answers', {
      itemId,
      label,
      timeSpentMs: 4000,
    });
    return { itemId, ...reply };
  };
  return { w, ann, rev, call, answer };
}

describe('POST /api/answers checks the answer against the kind', () => {
  it('takes a set in any order, the empty set too, and refuses a cheater’s set with a 400', async () => {
    const { w, answer } = await serve(multilabelProject());
    for (const [label, message] of [
      [
        'toxic|spam',
        'field "label": "spam" is not one of the labels (toxic, obscene, insult, threat)',
      ],
      [
        'toxic|obscene|insult|threat',
        'field "label": a set of 4 labels; this project takes at most 3 (multilabel.maxLabels)',
      ],
      ['insult|insult', 'field "label": "insult" appears twice in the set "insult|insult"'],
    ] as const) {
      const reply = await answer(label);
      expect(reply.status).toBe(400);
      expect(reply.json()).toEqual({ code: 'INVALID_INPUT', message });
      expect(await w.store.listVotes({ itemIds: [reply.itemId] })).toEqual([]);
    }
    const good = await answer('insult|toxic');
    expect(good.status).toBe(200);
    expect((await w.store.listVotes({ itemIds: [good.itemId] }))[0]?.label).toBe('toxic|insult');
    const none = await answer('');
    expect(none.status).toBe(200);
    expect((await w.store.listVotes({ itemIds: [none.itemId] }))[0]?.label).toBe('');
  });

  it('refuses a tie when the project has none, and a level off the scale', async () => {
    const pairs = await serve(pairwiseProject(false));
    const tie = await pairs.answer('tie');
    expect(tie.status).toBe(400);
    expect(tie.json().message).toBe(
      'field "label": "tie" is not an answer here: this project takes a or b',
    );
    expect((await pairs.answer('a')).status).toBe(200);
    await app?.close();
    const scale = await serve(ratingProject());
    const six = await scale.answer('6');
    expect(six.status).toBe(400);
    expect(six.json().message).toMatch(/"6" is not a level of the scale \(1, 2, 3, 4, 5\)$/);
    expect((await scale.answer('5')).status).toBe(200);
  });

  it('checks a reviewer’s set the same way and stores its code', async () => {
    const { w, rev, call } = await serve(multilabelProject());
    await w.store.people.setReviewReason(['p1'], 'votes disagree');
    const bad = await call(rev.session, 'POST', '/api/review/p1', { label: 'threat|nope' });
    expect(bad.status).toBe(400);
    expect(bad.json().message).toMatch(/"nope" is not one of the labels/);
    const good = await call(rev.session, 'POST', '/api/review/p1', { label: 'threat|toxic' });
    expect(good.status).toBe(200);
    expect(good.json()).toEqual({ itemId: 'p1', label: 'toxic|threat' });
    const [decision] = await w.store.listDecisions({ itemIds: ['p1'] });
    expect(decision?.probabilities).toEqual({ toxic: 1, obscene: 0, insult: 0, threat: 1 });
  });
});
