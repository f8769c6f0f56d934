import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { serveProject } from '../src/compose/index.js';
import { inviteAnnotator, signIn } from '../src/pipeline/people/index.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '../src/testing/fakes/fake-openai-server.js';
import { usePostgresServer } from '../src/testing/fixtures/postgres-stores.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';
import { spawnCli, type SpawnedCli } from './spawned-cli.js';

const LEASE_SECONDS = 2;
const LLM = ['label', '--labeller', 'llm', '--model', 'gpt-4o-mini', '--concurrency', '2'];

let fake: FakeOpenAiServer | undefined;
let children: SpawnedCli[] = [];
afterEach(async () => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  children = [];
  await fake?.close();
  fake = undefined;
});

function spawned(args: readonly string[], env: Record<string, string> = {}): SpawnedCli {
  const child = spawnCli(args, env);
  children.push(child);
  return child;
}

async function project(items: number, database: string | null): Promise<string> {
  const dir = await tempDir('workers');
  const projectDir = join(dir, 'p');
  await hilo(['init', projectDir, '--labels', 'spam,ham']);
  await writeFile(
    join(projectDir, 'hilo.yaml'),
    [
      'name: workers',
      'labels: [spam, ham]',
      ...(database !== null ? [`database: ${database}`] : []),
      `labeller: { default: llm, leaseSeconds: ${LEASE_SECONDS}, llm: { model: gpt-4o-mini, confidence: logprobs } }`,
      'people:',
      '  overlap: { human: 2, overlap: 2, max: 2 }',
      '  controlRate: 0',
      '  exam: { size: 0 }',
      '  rules: { fastCount: 0 }',
      '',
    ].join('\n'),
  );
  await writeJsonl(
    join(dir, 'pool.jsonl'),
    Array.from({ length: items }, (_, i) => ({
      id: `m${String(i).padStart(4, '0')}`,
      text: `${i % 2 ? 'win a prize, spam' : 'lunch at noon, ham'} (${i})`,
    })),
  );
  const imported = await hilo(['import', join(dir, 'pool.jsonl'), '--project', projectDir]);
  expect(imported.code, imported.err).toBe(0);
  return projectDir;
}

/** Every request body the fake server received: distinct ones were paid once, repeats again. */
function requestTally(server: FakeOpenAiServer): { distinct: number; repeats: number } {
  const bodies = server.requests.map((b) => JSON.stringify(b));
  const distinct = new Set(bodies).size;
  return { distinct, repeats: bodies.length - distinct };
}

/** Annotators answering through `url` until it has nothing left for them; returns the answers it acknowledged. */
async function annotate(url: string, token: string): Promise<string[]> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const answered: string[] = [];
  for (;;) {
    const next = await fetch(`${url}/api/next`, { headers });
    const served = ((await next.json()) as { item?: { itemId: string } | null }).item;
    if (next.status !== 200 || !served) return answered;
    const res = await fetch(`${url}/api/answers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ itemId: served.itemId, label: 'spam', timeSpentMs: 5000 }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    answered.push(served.itemId);
    await new Promise((r) => setTimeout(r, 60));
  }
}

const postgres = usePostgresServer(process.env['HILO_TEST_POSTGRES_URL']);

describe('several hilo label workers on one database', () => {
  it('two workers on one SQLite file label each item once, on one run', async () => {
    fake = await startFakeOpenAiServer({ latencyMs: 30 });
    const items = 120;
    const projectDir = await project(items, null);
    const env = { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'test' };
    const workers = [0, 1].map(() => spawned([...LLM, '--project', projectDir], env));
    for (const w of workers) expect(await w.exited, w.err()).toBe(0);
    expect(requestTally(fake)).toEqual({ distinct: items, repeats: 0 });
    const store = await openSqliteStore({ path: join(projectDir, 'hilo.db') });
    try {
      const votes = await store.listVotes({ sourcePrefix: 'llm:' });
      expect(votes).toHaveLength(items);
      expect(new Set(votes.map((v) => v.itemId)).size).toBe(items);
      const runs = await store.listRuns({ kind: 'label' });
      expect(runs.map((r) => [r.status, r.itemsDone + r.itemsFailed])).toEqual([['done', items]]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it.skipIf(postgres.skip)(
    'two label workers (one killed) and two servers on PostgreSQL: no item labelled twice, no answer lost, no lease beyond overlap',
    async () => {
      fake = await startFakeOpenAiServer({ latencyMs: 150 });
      const items = 160;
      const url = postgres.url();
      const projectDir = await project(items, url);
      // Four people, invited and signed in before the servers start.
      const setup = await serveProject({ dir: projectDir, env: {}, host: '127.0.0.1', port: 0 });
      const { store, config, clock } = setup.project;
      const tokens = await Promise.all(
        [0, 1, 2, 3].map(async (i) => {
          const invited = await inviteAnnotator(store.people, clock, {
            name: `p${i}`,
            role: 'annotator',
          });
          const signed = await signIn({ store, project: config, clock }, invited.token);
          if (signed.status !== 'signed-in') throw new Error(`p${i}: ${signed.status}`);
          return signed.session;
        }),
      );
      await setup.close();

      const servers = [0, 1].map(() => spawned(['serve', '--port', '0', '--project', projectDir]));
      const urls = await Promise.all(
        servers.map(async (s) => /at (http\S+)/.exec(await s.line(/hilo serving/))?.[1] ?? ''),
      );
      const env = { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'test' };
      const [doomed, survivor] = [0, 1].map(() =>
        spawned([...LLM, '--project', projectDir], env),
      ) as [SpawnedCli, SpawnedCli];
      const answering = Promise.all(tokens.map((token, i) => annotate(urls[i % 2] ?? '', token)));

      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        // Killed once both workers hold leases (whichever of them is this process).
        let leasing = 0;
        const started = Date.now();
        while (leasing < 2 && Date.now() - started < 60_000) {
          const held = await db.query<{ n: string }>(
            'select count(distinct worker) as n from label_leases',
          );
          leasing = Number(held.rows[0]?.n);
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(leasing).toBe(2);
        doomed.child.kill('SIGKILL');
        await doomed.exited;
        const killedAt = Date.now();
        const held = await db.query<{ item_id: string; worker: string }>(
          'select item_id, worker from label_leases',
        );
        expect(await survivor.exited, survivor.err()).toBe(0);
        const answered = (await answering).flat();

        // The machine: one vote per item; only requests in flight at the kill were paid twice.
        const votes = await db.query<{ item_id: string; n: string; created: string }>(
          "select item_id, count(*) as n, max(created_at) as created from votes where source like 'llm:%' group by item_id",
        );
        expect(votes.rows).toHaveLength(items);
        expect(votes.rows.every((r) => Number(r.n) === 1)).toBe(true);
        const tally = requestTally(fake);
        expect(tally.distinct).toBe(items);
        expect(tally.repeats).toBeLessThanOrEqual(2);

        // The killed worker's batch went to the survivor once its lease had lapsed.
        const workers = await db.query<{ worker: string; ended_at: string | null }>(
          'select worker, ended_at from run_workers',
        );
        expect(workers.rows).toHaveLength(2);
        const dead = workers.rows.find((w) => w.ended_at === null)?.worker;
        const batch = new Set(held.rows.filter((r) => r.worker === dead).map((r) => r.item_id));
        expect(batch.size).toBeGreaterThan(0);
        const takenOver = votes.rows.filter((r) => batch.has(r.item_id));
        expect(takenOver).toHaveLength(batch.size);
        for (const vote of takenOver)
          expect(Date.parse(vote.created)).toBeGreaterThanOrEqual(
            killedAt + LEASE_SECONDS * 1000 - 1000,
          );
        const runs = await db.query<{ status: string; done: string }>(
          "select status, items_done + items_failed as done from runs where kind = 'label'",
        );
        expect(runs.rows.map((r) => [r.status, Number(r.done)])).toEqual([['done', items]]);

        // The people: every acknowledged answer stored once, no item leased past its overlap.
        expect(answered.length).toBeGreaterThan(0);
        const human = await db.query<{ n: string; pairs: string }>(
          "select count(*) as n, count(distinct (item_id, source)) as pairs from votes where source like 'human:%'",
        );
        expect(Number(human.rows[0]?.n)).toBe(answered.length);
        expect(Number(human.rows[0]?.pairs)).toBe(answered.length);
        const over = await db.query<{ n: string }>(
          "select count(*) as n from queue q where (select count(*) from assignments a where a.item_id = q.item_id and a.state in ('leased', 'done')) > q.overlap",
        );
        expect(Number(over.rows[0]?.n)).toBe(0);
      } finally {
        await db.end();
      }
    },
    150_000,
  );
});
