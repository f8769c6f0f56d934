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

/** Timers for one run; `report` prints the per-call table. */
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
    report(options: { calls: number; slotMs: number; latencyMs: number }): void {
      loop.disable();
      const per = (name: string): number => (tallies.get(name)?.ms ?? 0) / options.calls;
      const whole = per('whole call');
      const http = per('http round trip');
      const rows: [string, number][] = [
        ['slot time per call (concurrency / rate)', options.slotMs],
        ['  server latency (fixed)', options.latencyMs],
        ['  HTTP beyond the latency (transport, server, loop)', http - options.latencyMs],
        ['  cache read', per('cache read')],
        ['  cache write', per('cache write')],
        [
          '  labeller besides HTTP and cache',
          whole - http - per('cache read') - per('cache write'),
        ],
        ['  between calls (feed, bookkeeping, loop)', options.slotMs - whole],
        ['vote writes, per call (in the background)', per('vote write (one flush)')],
      ];
      console.log('  per-call breakdown (ms):');
      for (const [name, ms] of rows)
        console.log(`    ${name.padEnd(52)} ${ms.toFixed(2).padStart(8)}`);
      const ms = (ns: number): string => (ns / 1e6).toFixed(1);
      console.log(
        `  event-loop delay: mean ${ms(loop.mean)} ms, p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms`,
      );
    },
  };
}
