import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteAnnotator } from '../pipeline/people/index.js';
import { signedIn } from '../testing/people/signed-in.js';
import { openProject } from './open-project.js';
import { serveProject, type RunningServer } from './serve-project.js';

// The annotation API on the SQLite store `hilo serve` uses, whose people store answers from
// memory: refusals must still take effect at once.
const dir = mkdtempSync(join(tmpdir(), 'hilo-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let server: RunningServer;
let admin: string;
let ann: string;
let projects = 0;

beforeEach(async () => {
  const project = join(dir, `p${(projects += 1)}`);
  await mkdir(project);
  await writeFile(
    join(project, 'hilo.yaml'),
    'name: p\nlabels: [spam, ham]\npeople:\n  overlap: { human: 2, overlap: 2, max: 2 }\n  controlRate: 0\n  exam: { size: 0 }\n  rules: { fastMs: 1000, fastCount: 2, fastWindow: 3, sameLabelRun: 0 }\n',
  );
  const rows = Array.from({ length: 8 }, (_, i) => JSON.stringify({ id: `i${i}`, text: `t${i}` }));
  await writeFile(join(project, 'pool.jsonl'), rows.join('\n'));
  const opened = await openProject({ dir: project, env: {} });
  await opened.importItems({ file: join(project, 'pool.jsonl') });
  await opened.close();
  server = await serveProject({ dir: project, env: {}, host: '127.0.0.1', port: 0 });
  admin = (await signedIn(serving(), { name: 'Root', role: 'admin' })).session;
  ann = (await signedIn(serving(), { name: 'Ada', role: 'annotator' })).session;
});
afterEach(async () => {
  await server.close();
});

const serving = () => ({
  store: server.project.store,
  project: server.project.config,
  clock: server.project.clock,
});
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const next = (token: string) =>
  server.app.inject({ method: 'GET', url: '/api/next', headers: as(token) });
const answer = (token: string, itemId: string, timeSpentMs: number) =>
  server.app.inject({
    method: 'POST',
    url: '/api/answers',
    headers: as(token),
    payload: { itemId, label: 'ham', timeSpentMs },
  });

describe('serveProject on SQLite', () => {
  it('creates the first admin on the first start only', async () => {
    expect(server.adminLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#invite=/);
    // The link lasts people.invitationHours (72 by default) from the start.
    const left = Date.parse(server.firstAdmin?.expiresAt ?? '') - server.project.clock.now();
    expect(left).toBeGreaterThan(72 * 3_600_000 - 60_000);
    expect(left).toBeLessThanOrEqual(72 * 3_600_000);
    const again = await serveProject({ dir: server.project.dir, host: '127.0.0.1', port: 0 });
    try {
      expect(again.adminLink).toBeNull();
    } finally {
      await again.close();
    }
  });

  it('refuses an annotator the moment an admin suspends them, and serves them once reinstated', async () => {
    expect((await next(ann)).statusCode).toBe(200);
    const id = (await server.project.store.people.listAnnotators()).find(
      (a) => a.name === 'Ada',
    )?.id;
    const patch = (state: string) =>
      server.app.inject({
        method: 'PATCH',
        url: `/api/annotators/${id ?? ''}`,
        headers: as(admin),
        payload: { state },
      });
    expect((await patch('suspended')).statusCode).toBe(200);
    const refused = await next(ann);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CONFLICT' });
    expect((await patch('active')).statusCode).toBe(200);
    expect((await next(ann)).statusCode).toBe(200);
  });

  it('suspends a too-fast annotator by the rules and refuses their next request', async () => {
    for (let i = 0; i < 2; i++) {
      const item = (await next(ann)).json<{ item: { itemId: string } }>().item;
      expect((await answer(ann, item.itemId, 200)).statusCode).toBe(200);
    }
    expect((await next(ann)).statusCode).toBe(409);
  });

  it('signs in once with a link, and refuses the session cookie once signed out', async () => {
    const { token } = await inviteAnnotator(server.project.store.people, server.project.clock, {
      name: 'Eve',
      role: 'annotator',
    });
    const signIn = () =>
      server.app.inject({ method: 'POST', url: '/api/login', payload: { token } });
    const login = await signIn();
    expect((await signIn()).json()).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/already used/),
    });
    const session = /hilo_session=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? '';
    const me = () =>
      server.app.inject({ method: 'GET', url: '/api/me', cookies: { hilo_session: session } });
    expect((await me()).statusCode).toBe(200);
    await server.app.inject({
      method: 'POST',
      url: '/api/logout',
      cookies: { hilo_session: session },
    });
    expect((await me()).statusCode).toBe(401);
    expect((await next('forged-token')).statusCode).toBe(401);
  });

  it('stores every acknowledged answer once, under concurrent annotators', async () => {
    const tokens = [ann];
    for (let i = 0; i < 3; i++)
      tokens.push((await signedIn(serving(), { name: `p${i}`, role: 'annotator' })).session);
    const acknowledged = await Promise.all(
      tokens.map(async (token) => {
        let stored = 0;
        for (;;) {
          const item = (await next(token)).json<{ item: { itemId: string } | null }>().item;
          if (item === null) return stored;
          // The server measures the time spent: a person reads for a while before answering.
          await new Promise((resolve) => setTimeout(resolve, 1000));
          if ((await answer(token, item.itemId, 5000)).statusCode === 200) stored += 1;
        }
      }),
    );
    const votes = await server.project.store.listVotes({ sourcePrefix: 'human:' });
    // 8 items, two people each: 16 answers, none lost or doubled.
    expect(acknowledged.reduce((a, b) => a + b, 0)).toBe(votes.length);
    expect(votes).toHaveLength(16);
    expect(new Set(votes.map((v) => `${v.itemId} ${v.source}`)).size).toBe(16);
  });
});
