/**
 * Annotation server under load: 100 simulated annotators on loopback doing next → submit cycles
 * against a SQLite project. The server runs in a child process (one core), the annotators here
 * (the other core) over keep-alive connections. Prints cycles/s, p50/p99 cycle latency, the CPU
 * each side spent per request and the server's event-loop delay, then checks the store: no item
 * leased beyond its overlap, every acknowledged answer stored exactly once, no duplicate votes.
 * The first `--warmup` seconds are not counted. Then the same annotators drive a bare Fastify
 * server answering the same two routes with fixed bodies for `--reference` seconds (0: skip): its
 * CPU per request, measured on the same machine in the same minute, is the floor that HTTP alone
 * costs, and the ratio stays meaningful when the machine is shared.
 *
 *   npx tsx bench/serve.ts [--annotators 100] [--seconds 20] [--warmup 2] [--reference 5]
 *                          [--items 60000] [--write]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { silentIo } from '../src/cli/cli-io.js';
import { main } from '../src/cli/main.js';
import { serveProject } from '../src/compose/index.js';
import { inviteAnnotator, signIn } from '../src/pipeline/people/index.js';
import {
  driveAnnotators,
  quantile,
  reportServing,
  spawnServer,
  type LoadResult,
  type ServerStats,
} from './serve-load.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const io = silentIo('bench');

if (process.argv[2] === '--serve') {
  const server = await serveProject({
    dir: process.argv[3] ?? '.',
    env: {},
    host: '127.0.0.1',
    port: 0,
    rateLimits: { answersPerMinute: 1_000_000, loginPerMinute: 1_000 },
  });
  reportServing(server.url, server.app.server, server.close);
} else if (process.argv[2] === '--reference') {
  // The floor: Fastify alone, the same routes and similar bodies, no store, no auth.
  const app = Fastify({ logger: false });
  const fields = { text: 'message 1' };
  app.get('/api/next', async () => ({
    item: { itemId: 'p1', fields, expiresAt: new Date().toISOString(), exam: false },
  }));
  app.post('/api/answers', async () => ({ feedback: null, state: 'active', reason: null }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  reportServing(url, app.server, () => app.close());
} else {
  await runBench();
}

async function runBench(): Promise<void> {
  const annotators = arg('annotators', 100);
  const seconds = arg('seconds', 20);
  const warmup = arg('warmup', 2);
  const items = arg('items', 60_000);
  const dir = mkdtempSync(join(tmpdir(), 'hilo-bench-serve-'));
  const project = join(dir, 'p');
  await main(['init', project, '--labels', 'spam,ham'], io);
  await writeFile(
    join(project, 'hilo.yaml'),
    // The simulated people answer at machine speed, which the server now measures itself: the
    // speed rule is off so that they keep cycling; the other rules run on every answer.
    'name: bench\nlabels: [spam, ham]\npeople:\n  overlap: { human: 2, overlap: 2, max: 2 }\n  controlRate: 0.1\n  exam: { size: 0 }\n  rules: { fastCount: 0 }\n',
  );
  const truth = new Map<string, string>();
  const pool: string[] = [];
  for (let i = 0; i < items; i++) {
    const id = `p${i}`;
    truth.set(id, i % 3 === 0 ? 'spam' : 'ham');
    pool.push(JSON.stringify({ id, text: `message ${i}` }));
  }
  const controls: string[] = [];
  for (let i = 0; i < 200; i++) {
    const label = i % 4 === 0 ? 'spam' : 'ham';
    truth.set(`c${i}`, label);
    controls.push(JSON.stringify({ id: `c${i}`, text: `check ${i}`, label }));
  }
  await writeFile(join(dir, 'pool.jsonl'), pool.join('\n'));
  await writeFile(join(dir, 'controls.jsonl'), controls.join('\n'));
  await main(['import', join(dir, 'pool.jsonl'), '--project', project], io);
  await main(
    ['import', join(dir, 'controls.jsonl'), '--project', project, '--role', 'control'],
    io,
  );

  // People are created before the server starts, straight in the store.
  const setup = await serveProject({ dir: project, env: {}, host: '127.0.0.1', port: 0 });
  // Each signs in once with their invitation, as an API client: the session is their bearer token.
  const tokens: string[] = [];
  const { store, config, clock } = setup.project;
  for (let i = 0; i < annotators; i++) {
    const invited = await inviteAnnotator(store.people, clock, {
      name: `sim${i}`,
      role: 'annotator',
    });
    const signed = await signIn({ store, project: config, clock }, invited.token);
    if (signed.status !== 'signed-in')
      throw new Error(`sim${i} could not sign in: ${signed.status}`);
    tokens.push(signed.session);
  }
  await setup.close();

  const server = await spawnServer(import.meta.filename, ['--serve', project]);
  // Wrong on one task answer in ten, never on a control, so no rule suspends anyone and all keep
  // cycling (the rules still run on every answer).
  const label = (itemId: string, cycle: number): string => {
    const right = truth.get(itemId) ?? 'ham';
    const wrong = cycle % 10 === 0 && !itemId.startsWith('c');
    return wrong ? (right === 'spam' ? 'ham' : 'spam') : right;
  };
  const load = await driveAnnotators({ server, tokens, seconds, warmup, label });
  const served = await server.stop();

  const db = new Database(join(project, 'hilo.db'), { readonly: true });
  const over = db
    .prepare(
      "select count(*) as n from queue q where (select count(*) from assignments a where a.item_id = q.item_id and a.state in ('leased','done')) > q.overlap",
    )
    .get() as { n: number };
  const votes = db.prepare("select count(*) as n from votes where source like 'human:%'").get() as {
    n: number;
  };
  const done = db.prepare("select count(*) as n from assignments where state = 'done'").get() as {
    n: number;
  };
  const dupes = db
    .prepare(
      "select count(*) as n from (select item_id, source from votes where source like 'human:%' group by item_id, source having count(*) > 1)",
    )
    .get() as { n: number };
  db.close();

  const referenceSeconds = arg('reference', 5);
  let reference: { load: LoadResult; served: ServerStats } | null = null;
  if (referenceSeconds > 0) {
    const floor = await spawnServer(import.meta.filename, ['--reference']);
    const floorLoad = await driveAnnotators({
      server: floor,
      tokens,
      seconds: referenceSeconds,
      warmup: 1,
      label: () => 'ham',
    });
    reference = { load: floorLoad, served: await floor.stop() };
  }

  const perRequest = (s: ServerStats) => s.cpuMicros / Math.max(1, s.requests);
  const clientPerRequest = (l: LoadResult) =>
    l.clientCpuMicros / Math.max(1, 2 * l.latencies.length);
  const { latencies } = load;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `annotators ${annotators}, ${latencies.length} cycles in ${load.seconds.toFixed(1)} s: ${(latencies.length / load.seconds).toFixed(0)} cycles/s`,
    `cycle latency (next + submit): p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms`,
    `server CPU ${perRequest(served).toFixed(0)} µs per request (${served.requests} requests, ${(served.cpuMicros / 1e6 / load.seconds).toFixed(2)} cores busy); event-loop delay p99 ${served.loop.p99.toFixed(1)} ms, max ${served.loop.max.toFixed(1)} ms; client CPU ${clientPerRequest(load).toFixed(0)} µs per request`,
    ...(reference === null
      ? []
      : [
          `reference (bare Fastify, same routes, no store): server CPU ${perRequest(reference.served).toFixed(0)} µs per request, ${(reference.load.latencies.length / reference.load.seconds).toFixed(0)} cycles/s; hilo costs ${(perRequest(served) / perRequest(reference.served)).toFixed(2)}× the floor`,
        ]),
    `acknowledged answers ${load.acknowledged}, refused ${load.failures}; human votes stored ${votes.n}, done assignments ${done.n}, duplicate votes ${dupes.n}`,
    `items leased beyond overlap: ${over.n}`,
    `machine: ${cpu}, ${cpus().length} cores, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end; ${new Date().toISOString().slice(0, 10)}`,
  ];
  console.log(lines.join('\n'));
  for (const [body, count] of load.refusals) console.log(`refused ${count}×: ${body}`);
  for (const [error, count] of load.errors) console.log(`failed ${count}×: ${error}`);
  const ok =
    load.errors.size === 0 &&
    over.n === 0 &&
    votes.n === load.acknowledged &&
    done.n === load.acknowledged &&
    dupes.n === 0;
  console.log(ok ? 'checks: pass' : 'checks: FAIL');
  if (process.argv.includes('--write')) {
    writeFileSync(
      join(import.meta.dirname, 'RESULTS-serve.md'),
      `# Annotation server under load\n\n\`npx tsx bench/serve.ts\`: ${annotators} simulated annotators on loopback, next → submit cycles, SQLite store, server in its own process.\n\n\`\`\`\n${lines.join('\n')}\nchecks: ${ok ? 'pass' : 'FAIL'}\n\`\`\`\n`,
    );
  }
  if (!ok) process.exitCode = 1;
}
