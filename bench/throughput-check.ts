/**
 * Can the adapter keep 64 requests in flight against a server that answers in 100 ms, i.e.
 * sustain ~640 requests per second, with modest memory? Runs the real adapter against the fake
 * server and prints the rate reached, latency percentiles, CPU per request and memory. By default
 * the server runs in this process (its CPU is counted too); `--separate` runs it in a child
 * process, so the figures are the adapter's own.
 *
 *   npx tsx bench/throughput-check.ts [--requests 6400] [--concurrency 64] [--latency 100] [--separate] [--cache]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChatRequest } from '../src/core/ports/chat-model.js';
import { createOpenAiCompatibleModel } from '../src/llm/openai-compatible-model.js';
import { startFakeOpenAiServer } from '../src/testing/fakes/fake-openai-server.js';
import { memoryResponseCache } from '../src/testing/fakes/memory-response-cache.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '6400' },
    concurrency: { type: 'string', default: '64' },
    latency: { type: 'string', default: '100' },
    cache: { type: 'boolean', default: false },
    separate: { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const latencyMs = Number(values.latency);

interface ServerHandle {
  readonly url: string;
  /** Stops the server and returns the most requests it had in flight. */
  stop(): Promise<number>;
}

async function inProcessServer(): Promise<ServerHandle> {
  const server = await startFakeOpenAiServer({ latencyMs, recordBodies: false, slots: 1024 });
  return { url: server.url, stop: () => server.close().then(() => server.maxInFlight) };
}

/** This same file with `--serve`, in a child process: prints its URL, then its peak on stdin EOF. */
async function childProcessServer(): Promise<ServerHandle> {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--serve',
      '--latency',
      String(latencyMs),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  while (!out.includes('\n')) await once(child.stdout, 'data');
  const url = out.trim();
  out = '';
  return {
    url,
    stop: async () => {
      child.stdin.end();
      await once(child, 'exit');
      return Number(out.trim());
    },
  };
}

if (values.serve) {
  const server = await startFakeOpenAiServer({ latencyMs, recordBodies: false, slots: 1024 });
  process.stdout.write(`${server.url}\n`);
  process.stdin.resume().on('end', () => {
    void server.close().then(() => process.stdout.write(`${server.maxInFlight}\n`));
  });
} else {
  await measure();
}

async function measure(): Promise<void> {
  const system = [
    'You label customer reviews. Read the review and answer with the code of one label.',
    'A: positive - the customer is pleased with the product or service',
    'B: negative - the customer is unhappy, asks for a refund or complains',
    'C: neutral - a factual statement, a question, or mixed feelings',
    'Reply with only the code of the label, nothing else.',
  ].join('\n');
  const request = (i: number): ChatRequest => ({
    model: 'fake-model',
    messages: [
      { role: 'system', content: system },
      {
        role: 'user',
        content: `text: review #${i}, the parcel came on time and the fit is ${i % 3 === 0 ? 'negative' : 'positive'}ly surprising.`,
      },
    ],
    temperature: 0,
    maxTokens: 1,
    topLogprobs: 5,
  });

  const server = values.separate ? await childProcessServer() : await inProcessServer();
  const model = createOpenAiCompatibleModel({
    baseUrl: server.url,
    concurrency,
    timeoutMs: 10_000,
    ...(values.cache && { cache: memoryResponseCache() }),
  });

  // Warm up the connections so the figure is the steady state.
  await Promise.all(Array.from({ length: concurrency }, (_, i) => model.complete(request(-1 - i))));
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();

  const latencies = new Float64Array(total);
  let next = 0;
  let failures = 0;
  const started = performance.now();
  // Workers pull the next index, as the labelling loop does, instead of queueing `total` promises.
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
  const maxInFlight = await server.stop();

  latencies.sort();
  const pct = (p: number): string =>
    (latencies[Math.min(total - 1, Math.floor(p * total))] ?? 0).toFixed(1);
  const ideal = (concurrency * 1000) / latencyMs;
  const rate = total / seconds;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
  console.log(
    [
      `requests ${total}, concurrency ${concurrency}, server latency ${latencyMs} ms, server ${values.separate ? 'in a child process' : 'in this process'}${values.cache ? ', cache on' : ''}`,
      `rate ${rate.toFixed(1)} req/s = ${((100 * rate) / ideal).toFixed(1)}% of the ideal ${ideal.toFixed(0)} req/s (${seconds.toFixed(2)} s)`,
      `latency per call ms: p50 ${pct(0.5)}, p95 ${pct(0.95)}, p99 ${pct(0.99)}, max ${pct(1)}`,
      `cpu ${(cpuMs / total).toFixed(3)} ms per request in this process; event loop busy ${(100 * elu.utilization).toFixed(0)}%; one free core would allow ~${((1000 * total) / cpuMs).toFixed(0)} req/s`,
      `server max in flight ${maxInFlight}, failures ${failures}`,
      `memory: rss ${mb(before.rss)} → ${mb(after.rss)} MB (peak ${mb(peakRss)}), heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB`,
    ].join('\n'),
  );
}
