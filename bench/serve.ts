/**
 * Annotation server under load: 100 simulated annotators on loopback doing next → submit cycles
 * against a SQLite project. The server runs in a child process (one core), the annotators here
 * (the other core) over keep-alive connections. Prints cycles/s, p50/p99 cycle latency and the
 * CPU each side spent per request, then checks the store: no item leased beyond its overlap,
 * every acknowledged answer stored exactly once, no duplicate votes.
 *
 * The first `--warmup` seconds are not counted.
 *
 *   npx tsx bench/serve.ts [--annotators 100] [--seconds 20] [--warmup 2] [--items 20000] [--write]
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import Database from 'better-sqlite3';
import { silentIo, startServer } from '../src/cli/cmd-serve.js';
import { main } from '../src/cli/main.js';
import { inviteAnnotator } from '../src/server/auth-tokens.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const io = silentIo('bench');

if (process.argv[2] === '--serve') {
  // Child: serve the project and print the URL.
  const server = await startServer(
    {
      dir: process.argv[3] ?? '.',
      host: '127.0.0.1',
      port: 0,
      rateLimits: { answersPerMinute: 1_000_000, loginPerMinute: 1_000 },
    },
    io,
  );
  process.stdout.write(`${server.url}\n`);
  let cpu0 = process.cpuUsage();
  let requests = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  // The bench's signal that warm-up (JIT, caches) is over: count from here.
  process.on('SIGUSR2', () => {
    cpu0 = process.cpuUsage();
    requests = 0;
    loopDelay.reset();
  });
  server.app.server.on('request', () => (requests += 1));
  process.once('SIGTERM', () => {
    // What serving cost: CPU (user + system) of this process since it started listening.
    const cpu = process.cpuUsage(cpu0);
    const loop = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
    process.stdout.write(
      `${JSON.stringify({ requests, cpuMicros: cpu.user + cpu.system, loop })}\n`,
    );
    void server.close().then(() => process.exit(0));
  });
} else {
  await runBench();
}

async function runBench(): Promise<void> {
  const annotators = arg('annotators', 100);
  const seconds = arg('seconds', 20);
  const warmup = arg('warmup', 2);
  const items = arg('items', 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'hilo-bench-serve-'));
  const project = join(dir, 'p');
  await main(['init', project, '--labels', 'spam,ham'], io);
  await writeFile(
    join(project, 'hilo.yaml'),
    'name: bench\nlabels: [spam, ham]\npeople:\n  overlap: { human: 2, overlap: 2, max: 2 }\n  controlRate: 0.1\n  exam: { size: 0 }\n',
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
  const setup = await startServer({ dir: project, host: '127.0.0.1', port: 0 }, io);
  const tokens: string[] = [];
  for (let i = 0; i < annotators; i++) {
    tokens.push(
      (
        await inviteAnnotator(setup.ctx.store.people, setup.ctx.clock, {
          name: `sim${i}`,
          role: 'annotator',
        })
      ).token,
    );
  }
  await setup.close();

  const child = spawn(
    process.execPath,
    [
      // HILO_BENCH_SERVER_FLAGS="--cpu-prof" profiles the server.
      ...(process.env.HILO_BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean),
      '--import',
      'tsx',
      import.meta.filename,
      '--serve',
      project,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );

  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: annotators });
  const call = (
    method: string,
    path: string,
    token: string,
    body?: string,
  ): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method,
          path,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const latencies: number[] = [];
  let acknowledged = 0;
  let failures = 0;
  const refusals = new Map<string, number>();
  let measuring = false;
  const deadline = performance.now() + (warmup + seconds) * 1000;
  let started = performance.now();
  let clientCpu0 = process.cpuUsage();
  setTimeout(() => {
    measuring = true;
    started = performance.now();
    clientCpu0 = process.cpuUsage();
    child.kill('SIGUSR2');
  }, warmup * 1000);
  const errors = new Map<string, number>();
  await Promise.all(
    tokens.map(async (token, n) => {
      try {
        await annotate(token, n);
      } catch (error) {
        const key = `${String(error)} after ${((performance.now() - started) / 1000).toFixed(1)} s`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }),
  );
  async function annotate(token: string, n: number): Promise<void> {
    let k = n;
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const next = await call('GET', '/api/next', token);
      const served = (JSON.parse(next.body) as { item?: { itemId: string } | null }).item;
      if (next.status !== 200 || !served) {
        refusals.set(next.body, (refusals.get(next.body) ?? 0) + 1);
        break;
      }
      k += 1;
      // Wrong on one task answer in ten, never on a control, so no rule suspends anyone and all
      // keep cycling (the rules still run on every answer).
      const right = truth.get(served.itemId) ?? 'ham';
      const wrong = k % 10 === 0 && !served.itemId.startsWith('c');
      const label = wrong ? (right === 'spam' ? 'ham' : 'spam') : right;
      const res = await call(
        'POST',
        '/api/answers',
        token,
        JSON.stringify({ itemId: served.itemId, label, timeSpentMs: 5000 }),
      );
      if (res.status === 200) acknowledged += 1;
      else {
        failures += 1;
        refusals.set(res.body, (refusals.get(res.body) ?? 0) + 1);
      }
      if (measuring) latencies.push(performance.now() - t0);
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpu0);
  agent.destroy();
  const serverCpu = new Promise<{
    requests: number;
    cpuMicros: number;
    loop: { p99: number; max: number };
  }>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(JSON.parse(d.toString()) as never)),
  );
  child.kill('SIGTERM');
  const served = await serverCpu;
  await new Promise((resolve) => child.once('exit', resolve));

  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
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

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `annotators ${annotators}, ${latencies.length} cycles in ${elapsed.toFixed(1)} s: ${(latencies.length / elapsed).toFixed(0)} cycles/s`,
    `cycle latency (next + submit): p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms`,
    `server CPU ${(served.cpuMicros / Math.max(1, served.requests)).toFixed(0)} µs per request (${served.requests} requests, ${(served.cpuMicros / 1e6 / elapsed).toFixed(2)} cores); event-loop delay p99 ${served.loop.p99.toFixed(1)} ms, max ${served.loop.max.toFixed(1)} ms; client CPU ${((clientCpu.user + clientCpu.system) / Math.max(1, 2 * latencies.length)).toFixed(0)} µs per request`,
    `acknowledged answers ${acknowledged}, refused ${failures}; human votes stored ${votes.n}, done assignments ${done.n}, duplicate votes ${dupes.n}`,
    `items leased beyond overlap: ${over.n}`,
    `machine: ${cpu}, ${cpus().length} cores, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end; ${new Date().toISOString().slice(0, 10)}`,
  ];
  console.log(lines.join('\n'));
  for (const [body, count] of refusals) console.log(`refused ${count}×: ${body}`);
  for (const [error, count] of errors) console.log(`failed ${count}×: ${error}`);
  const ok =
    errors.size === 0 &&
    over.n === 0 &&
    votes.n === acknowledged &&
    done.n === acknowledged &&
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
