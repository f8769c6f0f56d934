import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { meResponse } from '../contract/people-api.js';
import type { ProjectConfig } from '../core/project.js';
import { createRng } from '../core/rng.js';
import { project as aProject } from '../testing/builders/index.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';
import { signedIn } from '../testing/people/signed-in.js';
import { createServer } from './create-server.js';
import { taskView } from './task-view.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** `GET /api/me` of a signed-in annotator on `project`, checked against the contract. */
async function me(project: ProjectConfig) {
  const store = new MemoryStore();
  const ctx = { store, project, clock: { now: () => Date.UTC(2026, 11, 7) }, rng: createRng(1) };
  const person = await signedIn(ctx, { name: 'Ada', role: 'annotator' });
  app = await createServer(ctx);
  const reply = await app.inject({
    method: 'GET',
    url: '/api/me',
    headers: { authorization: `Bearer ${person.session}` },
  });
  expect(reply.statusCode).toBe(200);
  return meResponse.parse(reply.json());
}

describe('the project’s task kind as the pages read it', () => {
  it('a single-label project says classify', async () => {
    expect((await me(aProject())).project.task).toEqual({ kind: 'classify' });
  });

  it('a multi-label project carries its count bounds, all labels when maxLabels is unset', async () => {
    const labels = ['joy', 'anger', 'fear'];
    const open = aProject({ kind: 'multilabel', labels });
    expect((await me(open)).project.task).toEqual({
      kind: 'multilabel',
      minLabels: 0,
      maxLabels: 3,
    });
    await app?.close();
    const bounded = aProject({
      kind: 'multilabel',
      labels,
      multilabel: { minLabels: 1, maxLabels: 2, measure: 'per-label' },
    });
    expect((await me(bounded)).project.task).toEqual({
      kind: 'multilabel',
      minLabels: 1,
      maxLabels: 2,
    });
  });

  it('a pairwise project carries its prompt and response fields and whether tie is an answer, never the system fields', async () => {
    const pairwise = {
      prompt: 'question',
      a: 'left',
      b: 'right',
      systemA: 'model_left',
      systemB: 'model_right',
      swap: true,
    };
    const withTie = aProject({
      kind: 'pairwise',
      labels: ['a', 'b', 'tie'],
      fields: ['question', 'left', 'right'],
      pairwise,
    });
    const body = await me(withTie);
    expect(body.project.task).toEqual({
      kind: 'pairwise',
      prompt: 'question',
      a: 'left',
      b: 'right',
      tie: true,
    });
    expect(JSON.stringify(body)).not.toContain('model_left');
    expect(taskView(aProject({ kind: 'pairwise', labels: ['a', 'b'], pairwise }))).toMatchObject({
      tie: false,
    });
  });

  it('a rating project says rating, its levels the labels in order with their anchors', async () => {
    const body = await me(
      aProject({
        kind: 'rating',
        labels: [
          { name: '1', description: 'not abusive' },
          { name: '2', description: 'mildly' },
          { name: '3', description: 'strongly abusive' },
        ],
      }),
    );
    expect(body.project.task).toEqual({ kind: 'rating' });
    expect(body.project.labels.map((l) => `${l.name}:${l.description}`)).toEqual([
      '1:not abusive',
      '2:mildly',
      '3:strongly abusive',
    ]);
  });
});
