/**
 * Can the adapter keep 64 requests in flight against a server that answers in 100 ms, i.e.
 * sustain ~640 requests per second, with modest memory? Runs the real adapter against the fake
 * server (in this process, so the figure includes the server's own CPU) and prints the rate
 * reached, latency percentiles and memory.
 *
 *   npx tsx src/llm/testing/throughput-check.ts [--requests 6400] [--concurrency 64] [--latency 100] [--cache]
 */
import { parseArgs } from 'node:util';
import type { ChatRequest } from '../../core/ports/chat-model.js';
import { createOpenAiCompatibleModel } from '../openai-compatible-model.js';
import { startFakeOpenAiServer } from './fake-openai-server.js';
import { memoryResponseCache } from './memory-response-cache.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '6400' },
    concurrency: { type: 'string', default: '64' },
    latency: { type: 'string', default: '100' },
    cache: { type: 'boolean', default: false },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const latencyMs = Number(values.latency);

const system = [
  'You label customer reviews. Read the review and answer with the code of one label.',
  'A: positive — the customer is pleased with the product or service',
  'B: negative — the customer is unhappy, asks for a refund or complains',
  'C: neutral — a factual statement, a question, or mixed feelings',
  'Answer with the single letter only.',
].join('\n');
const request = (i: number): ChatRequest => ({
  model: 'fake-model',
  messages: [
    { role: 'system', content: system },
    {
      role: 'user',
      content: `Review #${i}: the parcel arrived on time and the fit is ${i % 3 === 0 ? 'negative' : 'positive'}ly surprising. Would I buy again? Probably.`,
    },
  ],
  temperature: 0,
  maxTokens: 1,
  topLogprobs: 5,
});

const server = await startFakeOpenAiServer({ latencyMs, recordBodies: false, slots: 64 });
const model = createOpenAiCompatibleModel({
  baseUrl: server.url,
  concurrency,
  timeoutMs: 10_000,
  ...(values.cache && { cache: memoryResponseCache() }),
});

// Warm up connections so the figure is the steady state.
await Promise.all(Array.from({ length: concurrency }, (_, i) => model.complete(request(-1 - i))));
server.reset();
globalThis.gc?.();
const before = process.memoryUsage();
let peakRss = before.rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50);

const cpuBefore = process.cpuUsage();
const eluBefore = performance.eventLoopUtilization();
const latencies = new Float64Array(total);
let next = 0;
let failures = 0;
const started = performance.now();
// Workers pull the next index, as a labelling pipeline would, instead of queueing `total` promises.
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      try {
        await model.complete(request(i));
      } catch {
        failures += 1;
      }
      latencies[i] = performance.now() - t0;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const cpu = process.cpuUsage(cpuBefore);
const elu = performance.eventLoopUtilization(eluBefore);
const after = process.memoryUsage();
await server.close();

latencies.sort();
const pct = (p: number): string =>
  (latencies[Math.min(total - 1, Math.floor(p * total))] ?? 0).toFixed(1);
const ideal = (concurrency * 1000) / latencyMs;
const rate = total / seconds;
const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
console.log(
  [
    `requests ${total}, concurrency ${concurrency}, server latency ${latencyMs} ms${values.cache ? ', cache on' : ''}`,
    `rate ${rate.toFixed(1)} req/s = ${((100 * rate) / ideal).toFixed(1)}% of the ideal ${ideal.toFixed(0)} req/s (${seconds.toFixed(2)} s)`,
    `latency per call ms: p50 ${pct(0.5)}, p95 ${pct(0.95)}, p99 ${pct(0.99)}, max ${pct(1)}`,
    `cpu ${((cpu.user + cpu.system) / 1000 / total).toFixed(3)} ms per request (client and server; ${(cpu.user / 1e6).toFixed(1)} s user, ${(cpu.system / 1e6).toFixed(1)} s system)`,
    `event loop busy ${(100 * elu.utilization).toFixed(0)}% of the time; one free core would allow ~${((total * 1e6) / (cpu.user + cpu.system)).toFixed(0)} req/s at this CPU cost`,
    `server max in flight ${server.maxInFlight}, failures ${failures}`,
    `memory: rss ${mb(before.rss)} → ${mb(after.rss)} MB (peak ${mb(peakRss)}), heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB`,
  ].join('\n'),
);
