/**
 * The whole LLM first pass (`labelItems` + the OpenAI-compatible adapter + the response cache +
 * the SQLite store) over N items against a loopback server that answers every request after a
 * fixed latency, at a given concurrency. The bound is concurrency / latency items per second.
 *
 *   npx tsx bench/label-throughput.ts [--items 100000] [--concurrency 64] [--latency 100] [--breakdown]
 *
 * `--breakdown` times every stage of a call (bench/label-throughput-probe.ts) and prints where
 * the time per call goes, with the event loop's delay.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { withResponseCache } from '../src/llm/cached-model.js';
import { createNodeHttpTransport } from '../src/llm/node-http-transport.js';
import { createOpenAiCompatibleModel } from '../src/llm/openai-compatible-model.js';
import { labelItems } from '../src/pipeline/label/index.js';
import { createLlmBatchLabeller } from '../src/pipeline/label/index.js';
import { parseProjectConfig } from '../src/project/project-schema.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { createProbe } from './label-throughput-probe.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '64' },
    latency: { type: 'string', default: '100' },
    breakdown: { type: 'boolean', default: false },
  },
});
const items = Number(values.items);
const concurrency = Number(values.concurrency);
const latencyMs = Number(values.latency);

const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'fake-server-process.ts'), String(latencyMs)],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise<string>((resolve) =>
  createInterface({ input: child.stdout }).once('line', resolve),
);

const dir = await mkdtemp(join(tmpdir(), 'hilo-bench-label-'));
const store = await openSqliteStore({ path: join(dir, 'hilo.db') });
const parsed = parseProjectConfig({
  name: 'bench',
  labels: [
    { name: 'positive', description: 'the customer is pleased' },
    { name: 'negative', description: 'the customer is unhappy' },
    { name: 'neutral', description: 'facts, questions or mixed feelings' },
  ],
  labeller: {
    llm: {
      model: 'gpt-4o-mini',
      confidence: 'logprobs',
      concurrency,
      requestsPerMinute: 10_000_000,
      tokensPerMinute: 1_000_000_000,
    },
  },
});
if (!parsed.ok) throw new Error(parsed.problems.join('; '));
const project = parsed.config;
for (let start = 0; start < items; start += 5000) {
  const batch = Array.from({ length: Math.min(5000, items - start) }, (_, j) => {
    const i = start + j;
    return {
      id: `r${String(i).padStart(7, '0')}`,
      fields: {
        text: `Review ${i}: arrived on time, ${i % 3 === 0 ? 'negative' : 'positive'} overall.`,
      },
      role: 'pool' as const,
      batch: null,
      goldLabel: null,
    };
  });
  await store.upsertItems(batch);
}

const probe = values.breakdown ? createProbe() : undefined;
const transport = createNodeHttpTransport({ maxSockets: concurrency });
const cache = {
  get: (k: string) => store.cacheGet(k),
  put: (k: string, v: string) => store.cachePut(k, v),
};
const model = withResponseCache(
  createOpenAiCompatibleModel({
    baseUrl: url,
    concurrency,
    timeoutMs: 30_000,
    maxRetries: 3,
    fetch: probe ? probe.transport(transport) : transport,
  }),
  { cache: probe ? probe.cache(cache) : cache },
);
const plainLabeller = createLlmBatchLabeller({
  model,
  project,
  settings: project.labeller.llm,
  demos: [],
});
const labeller = probe ? probe.labeller(plainLabeller) : plainLabeller;
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
const started = performance.now();
const cpuStart = process.cpuUsage();
const report = await labelItems({
  store: probe ? probe.store(store) : store,
  labeller,
  clock: { now: () => Date.now() },
  roles: ['pool'],
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const cpu = process.cpuUsage(cpuStart);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const rate = (report.labelled + report.abstained) / seconds;
const bound = concurrency / (latencyMs / 1000);
console.log(
  `label-throughput: ${items} items, concurrency ${concurrency}, server latency ${latencyMs} ms`,
);
console.log(
  `  labelled ${report.labelled}, abstained ${report.abstained} in ${seconds.toFixed(1)} s`,
);
console.log(
  `  ${rate.toFixed(1)} items/s = ${((100 * rate) / bound).toFixed(1)}% of the bound ${bound.toFixed(0)} items/s`,
);
console.log(
  `  client CPU ${((cpu.user + cpu.system) / 1000 / items).toFixed(3)} ms per item (one core sustains ~${Math.round(items / ((cpu.user + cpu.system) / 1e6))} items/s)`,
);
console.log(`  peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
probe?.report({ calls: items, rate, concurrency, latencyMs });
await store.close();
child.kill('SIGTERM');
await rm(dir, { recursive: true, force: true });
