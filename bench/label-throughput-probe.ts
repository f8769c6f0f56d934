/**
 * Where the time of one LLM call goes in `bench/label-throughput.ts`: timers wrapped around the
 * HTTP transport, the response cache, the labeller and the store's writes, and the event loop's
 * delay. Wrapping adds a few microseconds per call; the figures are for finding where the time
 * goes, the plain run (without `--breakdown`) for the throughput.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ResponseCache } from '../src/core/ports/chat-model.js';
import type { Store } from '../src/core/ports/index.js';
import type { FetchLike } from '../src/llm/http-attempt.js';
import type { Labeller } from '../src/pipeline/label/index.js';

interface Tally {
  count: number;
  ms: number;
}

const ms = (value: number): string => `${value.toFixed(2)} ms`;
const pct = (share: number): string => `${(100 * share).toFixed(1)}%`;

/** Timers for one run; `report` prints the per-item table. */
export function createProbe() {
  const tallies = new Map<string, Tally>();
  const add = (name: string, ms: number): void => {
    const tally = tallies.get(name) ?? { count: 0, ms: 0 };
    tally.count += 1;
    tally.ms += ms;
    tallies.set(name, tally);
  };
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      add(name, performance.now() - started);
    }
  };
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();

  return {
    transport(fetch: FetchLike): FetchLike {
      return (url, init) =>
        timed('http round trip', async () => {
          const response = await fetch(url, init);
          const text = await response.text();
          return { ...response, text: () => Promise.resolve(text) };
        });
    },
    cache(cache: ResponseCache): ResponseCache {
      return {
        get: (key) => timed('cache read', () => cache.get(key)),
        put: (key, value) => timed('cache write', () => cache.put(key, value)),
      };
    },
    labeller(labeller: Labeller): Labeller {
      return { ...labeller, label: (items) => timed('whole call', () => labeller.label(items)) };
    },
    /** The store with its transactions (the vote writes) timed. */
    store<S extends Store>(store: S): S {
      return new Proxy(store, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          if (property !== 'transaction') return value.bind(target) as unknown;
          return (work: Parameters<Store['transaction']>[0]) =>
            timed('vote write (one flush)', () => target.transaction(work));
        },
      });
    },
    /**
     * The rate is (requests in flight on average) / (HTTP round trip), so its share of the bound
     * is the share of the request slots kept busy times latency / round trip; both are printed.
     */
    report(options: { calls: number; rate: number; concurrency: number; latencyMs: number }): void {
      loop.disable();
      const per = (name: string): number => (tallies.get(name)?.ms ?? 0) / options.calls;
      const http = per('http round trip');
      const inFlight = (options.rate * http) / 1000;
      const rest = per('whole call') - http - per('cache read') - per('cache write');
      const rows: [string, string][] = [
        ['HTTP round trip', ms(http)],
        ['  of which beyond the server latency', ms(http - options.latencyMs)],
        ['cache read', ms(per('cache read'))],
        ['cache write', ms(per('cache write'))],
        ['rest of an item (prompt, parse, waiting for a slot)', ms(rest)],
        ['vote writes per item (in the background)', ms(per('vote write (one flush)'))],
        [
          'requests in flight on average (rate × round trip)',
          `${inFlight.toFixed(1)} of ${options.concurrency} (${pct(inFlight / options.concurrency)})`,
        ],
        ['server latency / round trip', pct(options.latencyMs / http)],
      ];
      console.log('  per item:');
      for (const [name, value] of rows) console.log(`    ${name.padEnd(52)} ${value.padStart(16)}`);
      const delay = (ns: number): string => (ns / 1e6).toFixed(1);
      console.log(
        `  event-loop delay: mean ${delay(loop.mean)} ms, p99 ${delay(loop.percentile(99))} ms, max ${delay(loop.max)} ms`,
      );
    },
  };
}
