/**
 * Annotation server under load: 100 then 200 simulated annotators on loopback doing next → submit
 * cycles against a SQLite project (a fresh one each), live decisions on; the ratios of cycles/s
 * and p99 between the counts are printed, measured in the same run. The server runs in a child process (one core), the annotators here
 * (the other core) over keep-alive connections. Prints cycles/s, p50/p99 cycle latency, the CPU
 * each side spent per request and the server's event-loop delay, then checks the store: no item
 * leased beyond its overlap, every acknowledged answer stored exactly once, no duplicate votes,
 * every answered item decided live from all of its answers.
 * The first `--warmup` seconds are not counted. Then the same annotators drive a bare Fastify
 * server answering the same two routes with fixed bodies for `--reference` seconds (0: skip): its
 * CPU per request, measured on the same machine in the same minute, is the floor that HTTP alone
 * costs, and the ratio stays meaningful when the machine is shared.
 *
 * `--think MS` paces each annotator: a pause of about MS after each answer, as a person reading
 * the next item; without it (0) every annotator cycles as fast as the server answers, which
 * measures saturation: then by Little's law the mean cycle latency is annotators / cycles per
 * second, whatever the server does per request.
 *
 *   npx tsx bench/serve.ts [--annotators 100,200] [--seconds 20] [--warmup 2] [--reference 5]
 *                          [--items 60000] [--live 1] [--think 0] [--write]
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

const argList = (name: string, fallback: number[]): number[] => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? '').split(',').map(Number) : fallback;
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

/** What one measured load gives, with the store's checks. */
interface Measured {
  readonly annotators: number;
  readonly load: LoadResult;
  readonly served: ServerStats;
  readonly lines: readonly string[];
  readonly cyclesPerSecond: number;
  readonly p99: number;
  readonly tokens: readonly string[];
  readonly ok: boolean;
}

async function runBench(): Promise<void> {
  const counts = argList('annotators', [100, 200]);
  // Every project is set up before any server runs, so each run meets the same conditions.
  const projects = [];
  for (const annotators of counts) {
    console.error(`preparing a project for ${annotators} annotators…`);
    projects.push({ annotators, ...(await prepareProject(annotators, arg('items', 60_000))) });
  }
  const runs: Measured[] = [];
  for (const project of projects) {
    console.error(`measuring ${project.annotators} annotators…`);
    runs.push(await measure(project));
  }

  const referenceSeconds = arg('reference', 5);
  const thinkMs = arg('think', 0);
  let reference: { load: LoadResult; served: ServerStats } | null = null;
  const last = runs.at(-1);
  if (referenceSeconds > 0 && last !== undefined) {
    const floor = await spawnServer(import.meta.filename, ['--reference']);
    const floorLoad = await driveAnnotators({
      server: floor,
      tokens: last.tokens,
      seconds: referenceSeconds,
      warmup: 1,
      label: () => 'ham',
      thinkMs,
    });
    reference = { load: floorLoad, served: await floor.stop() };
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const first = runs[0];
  const lines = [
    ...runs.flatMap((run) => [...run.lines, '']),
    ...(first === undefined || runs.length < 2
      ? []
      : runs
          .slice(1)
          .map(
            (run) =>
              `${run.annotators} vs ${first.annotators} annotators: cycles/s ×${(run.cyclesPerSecond / first.cyclesPerSecond).toFixed(2)}, p99 ×${(run.p99 / first.p99).toFixed(2)}`,
          )),
    ...(reference === null || last === undefined
      ? []
      : [
          `reference (bare Fastify, same routes, no store, ${last.annotators} annotators): server CPU ${perRequest(reference.served).toFixed(0)} µs per request, ${(reference.load.latencies.length / reference.load.seconds).toFixed(0)} cycles/s; hilo costs ${(perRequest(last.served) / perRequest(reference.served)).toFixed(2)}× the floor`,
        ]),
    `machine: ${cpu}, ${cpus().length} cores, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end; ${new Date().toISOString().slice(0, 10)}`,
  ];
  const ok = runs.every((run) => run.ok);
  console.log(lines.join('\n'));
  console.log(ok ? 'checks: pass' : 'checks: FAIL');
  if (process.argv.includes('--write')) {
    writeFileSync(
      join(import.meta.dirname, 'RESULTS-serve.md'),
      `# Annotation server under load\n\n\`npx tsx bench/serve.ts ${process.argv
        .slice(2)
        .filter((a) => a !== '--write')
        .join(
          ' ',
        )}\`: ${counts.join(' then ')} simulated annotators on loopback in one run, next → submit cycles, SQLite store, server in its own process, live decisions ${arg('live', 1) === 1 ? 'on' : 'off'}.\n\n\`\`\`\n${lines.join('\n')}\nchecks: ${ok ? 'pass' : 'FAIL'}\n\`\`\`\n`,
    );
  }
  if (!ok) process.exitCode = 1;
}

function perRequest(s: ServerStats): number {
  return s.cpuMicros / Math.max(1, s.requests);
}

/** A fresh project served to `annotators` people for `--seconds`, then its store checked. */
async function measure(prepared: {
  readonly annotators: number;
  readonly project: string;
  readonly truth: ReadonlyMap<string, string>;
  readonly tokens: readonly string[];
}): Promise<Measured> {
  const seconds = arg('seconds', 20);
  const warmup = arg('warmup', 2);
  const { annotators, project, truth, tokens } = prepared;
  const server = await spawnServer(import.meta.filename, ['--serve', project]);
  // Wrong on one task answer in ten, never on a control, so no rule suspends anyone and all keep
  // cycling (the rules still run on every answer).
  const label = (itemId: string, cycle: number): string => {
    const right = truth.get(itemId) ?? 'ham';
    const wrong = cycle % 10 === 0 && !itemId.startsWith('c');
    return wrong ? (right === 'spam' ? 'ham' : 'spam') : right;
  };
  const thinkMs = arg('think', 0);
  const load = await driveAnnotators({ server, tokens, seconds, warmup, label, thinkMs });
  const served = await server.stop();
  const store = checkStore(join(project, 'hilo.db'));

  const clientPerRequest = (l: LoadResult) =>
    l.clientCpuMicros / Math.max(1, 2 * l.latencies.length);
  const { latencies } = load;
  const cyclesPerSecond = latencies.length / load.seconds;
  const p99 = quantile(latencies, 0.99);
  const lines = [
    `annotators ${annotators}${thinkMs > 0 ? ` (pausing ~${thinkMs} ms after each answer)` : ' (no pause: saturation)'}, ${latencies.length} cycles in ${load.seconds.toFixed(1)} s: ${cyclesPerSecond.toFixed(0)} cycles/s`,
    `cycle latency (next + submit): p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    `server CPU ${perRequest(served).toFixed(0)} µs per request (${served.requests} requests, ${(served.cpuMicros / 1e6 / load.seconds).toFixed(2)} cores busy); event-loop delay p99 ${served.loop.p99.toFixed(1)} ms, max ${served.loop.max.toFixed(1)} ms; client CPU ${clientPerRequest(load).toFixed(0)} µs per request`,
    `acknowledged answers ${load.acknowledged}, refused ${load.failures}; human votes stored ${store.votes}, done assignments ${store.done}, duplicate votes ${store.dupes}`,
    `items leased beyond overlap: ${store.over}`,
    `live decisions: ${store.decided} of ${store.answered} answered pool items decided (aggregated), ${store.stale} decisions missing one of their item's answers`,
  ];
  for (const [body, count] of load.refusals) lines.push(`refused ${count}×: ${body}`);
  for (const [error, count] of load.errors) lines.push(`failed ${count}×: ${error}`);
  const ok =
    load.errors.size === 0 &&
    store.over === 0 &&
    store.votes === load.acknowledged &&
    store.done === load.acknowledged &&
    store.dupes === 0 &&
    (arg('live', 1) !== 1 || (store.decided === store.answered && store.stale === 0));
  return { annotators, load, served, lines, cyclesPerSecond, p99, tokens, ok };
}

/** A new project of `items` pool items and 200 controls, with `annotators` people signed in. */
async function prepareProject(annotators: number, items: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hilo-bench-serve-'));
  const project = join(dir, 'p');
  await main(['init', project, '--labels', 'spam,ham'], io);
  await writeFile(
    join(project, 'hilo.yaml'),
    // The simulated people answer at machine speed, which the server now measures itself: the
    // speed rule is off so that they keep cycling; the other rules run on every answer.
    `name: bench\nlabels: [spam, ham]\npeople:\n  overlap: { human: 2, overlap: 2, max: 2 }\n  controlRate: 0.1\n  exam: { size: 0 }\n  rules: { fastCount: 0 }\n  liveDecisions: ${arg('live', 1) === 1}\n`,
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
  // Invited and signed in together, so the writes share a few group commits; each person signs
  // in once with their invitation, as an API client, and the session is their bearer token.
  const { store, config, clock } = setup.project;
  const tokens = await Promise.all(
    Array.from({ length: annotators }, async (_, i) => {
      const invited = await inviteAnnotator(store.people, clock, {
        name: `sim${i}`,
        role: 'annotator',
      });
      const signed = await signIn({ store, project: config, clock }, invited.token);
      if (signed.status !== 'signed-in')
        throw new Error(`sim${i} could not sign in: ${signed.status}`);
      return signed.session;
    }),
  );
  await setup.close();
  return { project, truth, tokens };
}

/** The store after a load: overlap kept, answers stored once, every answered item decided from all its answers. */
function checkStore(path: string) {
  const db = new Database(path, { readonly: true });
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const result = {
    over: n(
      "select count(*) as n from queue q where (select count(*) from assignments a where a.item_id = q.item_id and a.state in ('leased','done')) > q.overlap",
    ),
    votes: n("select count(*) as n from votes where source like 'human:%'"),
    done: n("select count(*) as n from assignments where state = 'done'"),
    dupes: n(
      "select count(*) as n from (select item_id, source from votes where source like 'human:%' group by item_id, source having count(*) > 1)",
    ),
    answered: n(
      "select count(distinct item_id) as n from votes where source like 'human:%' and item_id in (select id from items where role = 'pool')",
    ),
    decided: n(
      "select count(*) as n from decisions where decided_by = 'aggregated' and item_id in (select item_id from votes where source like 'human:%') and item_id in (select id from items where role = 'pool')",
    ),
    stale: n(
      "select count(*) as n from decisions d where d.decided_by = 'aggregated' and json_array_length(d.vote_ids) <> (select count(*) from votes v where v.item_id = d.item_id and v.label is not null)",
    ),
  };
  db.close();
  return result;
}
