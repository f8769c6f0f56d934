/**
 * The LLM first pass as a user runs it: `hilo label --labeller llm` (the built CLI, `node
 * bin/hilo.js`, in its own process) over N imported items against the same loopback server as
 * bench/label-throughput.ts, which answers every request after a fixed latency. Prints the rate
 * of the whole command (start-up, opening the store, writing the run) and of its labelling loop
 * (the seconds `hilo label` reports), each against the bound concurrency / latency.
 *
 *   npm run build && npx tsx bench/label-throughput-cli.ts [--items 20000] [--concurrency 64] [--latency 100]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '64' },
    latency: { type: 'string', default: '100' },
  },
});
const items = Number(values.items);
const concurrency = Number(values.concurrency);
const latencyMs = Number(values.latency);
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'hilo.js');
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('label-throughput-cli: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

interface Finished {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  readonly seconds: number;
}

function hilo(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) =>
      resolve({ code, out, err, seconds: (performance.now() - started) / 1000 }),
    ),
  );
}

function check(step: string, result: Finished): void {
  if (result.code !== 0) throw new Error(`${step} exited ${result.code}: ${result.err.trim()}`);
}

const server = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'fake-server-process.ts'), String(latencyMs)],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise<string>((resolve) =>
  createInterface({ input: server.stdout }).once('line', resolve),
);
const dir = await mkdtemp(join(tmpdir(), 'hilo-bench-label-cli-'));
try {
  const project = join(dir, 'p');
  check('hilo init', await hilo(['init', project, '--labels', 'positive,negative,neutral']));
  // The same settings as bench/label-throughput.ts: logprobs, and limits that never bind.
  const yamlPath = join(project, 'hilo.yaml');
  const yaml = (await readFile(yamlPath, 'utf8'))
    .replace(/confidence: auto/, 'confidence: logprobs')
    .replace(/concurrency: \d+/, `concurrency: ${concurrency}`)
    .replace(/requestsPerMinute: \d+/, 'requestsPerMinute: 10000000')
    .replace(/tokensPerMinute: \d+/, 'tokensPerMinute: 1000000000');
  await writeFile(yamlPath, yaml);
  const lines = Array.from({ length: items }, (_, i) =>
    JSON.stringify({
      id: `r${String(i).padStart(7, '0')}`,
      text: `Review ${i}: arrived on time, ${i % 3 === 0 ? 'negative' : 'positive'} overall.`,
    }),
  );
  await writeFile(join(dir, 'items.jsonl'), `${lines.join('\n')}\n`);
  check('hilo import', await hilo(['import', join(dir, 'items.jsonl'), '--project', project]));

  const run = await hilo(['label', '--labeller', 'llm', '--project', project], {
    OPENAI_BASE_URL: url,
  });
  check('hilo label', run);
  const loopSeconds = Number(/, ([\d.]+) s \(run /.exec(run.out)?.[1]);
  const bound = concurrency / (latencyMs / 1000);
  const row = (name: string, seconds: number): string => {
    const rate = items / seconds;
    return `  ${name.padEnd(28)} ${seconds.toFixed(1).padStart(6)} s ${rate.toFixed(1).padStart(8)} items/s ${((100 * rate) / bound).toFixed(1).padStart(6)}% of the bound`;
  };
  console.log(
    `label-throughput-cli: hilo label, ${items} items, concurrency ${concurrency}, server latency ${latencyMs} ms, bound ${bound.toFixed(0)} items/s`,
  );
  console.log(`  ${run.out.trim()}`);
  console.log(row('whole command', run.seconds));
  console.log(row('labelling loop (reported)', loopSeconds));
} finally {
  server.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
}
