/**
 * The two halves of bench/serve: a server child that reports what serving cost it, and the
 * closed-loop annotators that drive it over keep-alive connections.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { Agent, request, type Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Readable } from 'node:stream';

/** What the server child measured between the end of warm-up and SIGTERM. */
export interface ServerStats {
  readonly requests: number;
  readonly cpuMicros: number;
  readonly loop: { readonly p99: number; readonly max: number };
}

/**
 * Child side: prints the URL, counts requests, CPU (user + system) and event-loop delay from the
 * bench's SIGUSR2 (end of warm-up), and prints them as JSON on SIGTERM before closing.
 */
export function reportServing(url: string, server: Server, close: () => Promise<void>): void {
  process.stdout.write(`${url}\n`);
  let cpu0 = process.cpuUsage();
  let requests = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  process.on('SIGUSR2', () => {
    cpu0 = process.cpuUsage();
    requests = 0;
    loopDelay.reset();
  });
  server.on('request', () => (requests += 1));
  process.once('SIGTERM', () => {
    const cpu = process.cpuUsage(cpu0);
    const stats: ServerStats = {
      requests,
      cpuMicros: cpu.user + cpu.system,
      loop: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    };
    process.stdout.write(`${JSON.stringify(stats)}\n`);
    void close().then(() => process.exit(0));
  });
}

/** A server child started by the bench; `warm` ends its warm-up, `stop` returns its figures. */
export interface ServerChild {
  readonly url: string;
  warm(): void;
  stop(): Promise<ServerStats>;
}

/** Spawns this bench file with `args` (HILO_BENCH_SERVER_FLAGS="--cpu-prof" profiles it). */
export async function spawnServer(script: string, args: readonly string[]): Promise<ServerChild> {
  const child: ChildProcessByStdio<null, Readable, null> = spawn(
    process.execPath,
    [
      ...(process.env.HILO_BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean),
      '--import',
      'tsx',
      script,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
  return {
    url,
    warm: () => child.kill('SIGUSR2'),
    stop: async () => {
      const stats = new Promise<ServerStats>((resolve) =>
        child.stdout.once('data', (d: Buffer) => resolve(JSON.parse(d.toString()) as ServerStats)),
      );
      child.kill('SIGTERM');
      const result = await stats;
      await new Promise((resolve) => child.once('exit', resolve));
      return result;
    },
  };
}

/** What the annotators saw after warm-up (answers and refusals are counted from the start). */
export interface LoadResult {
  /** Cycle latencies in ms, sorted. */
  readonly latencies: number[];
  readonly seconds: number;
  readonly clientCpuMicros: number;
  readonly acknowledged: number;
  readonly failures: number;
  readonly refusals: ReadonlyMap<string, number>;
  readonly errors: ReadonlyMap<string, number>;
}

/**
 * Closed loop, one connection per annotator: GET /api/next, then POST /api/answers with
 * `label(itemId, cycle)`, then a pause of about `thinkMs`, until `warmup + seconds` have passed
 * or nothing is left to them. The latency of a cycle is its two requests, not the pause.
 */
export async function driveAnnotators(options: {
  readonly server: ServerChild;
  /** Session tokens (from sign-in), sent as `Authorization: Bearer`. */
  readonly tokens: readonly string[];
  readonly seconds: number;
  readonly warmup: number;
  readonly label: (itemId: string, cycle: number) => string;
  /**
   * Mean pause after each answer, as a person reading the next item (uniform in 0.5…1.5 × it);
   * 0: none, every annotator cycles as fast as the server answers (saturation).
   */
  readonly thinkMs?: number;
}): Promise<LoadResult> {
  const target = new URL(options.server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.tokens.length });
  const call = (token: string, method: string, path: string, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = request(
        { agent, host: target.hostname, port: target.port, method, path, headers },
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
  const refusals = new Map<string, number>();
  const errors = new Map<string, number>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  let acknowledged = 0;
  let failures = 0;
  let measuring = false;
  let started = performance.now();
  let cpu0 = process.cpuUsage();
  const deadline = started + (options.warmup + options.seconds) * 1000;
  const warm = setTimeout(() => {
    measuring = true;
    started = performance.now();
    cpu0 = process.cpuUsage();
    options.server.warm();
  }, options.warmup * 1000);

  const annotate = async (token: string, first: number): Promise<void> => {
    for (let cycle = first; performance.now() < deadline; cycle++) {
      const t0 = performance.now();
      const next = await call(token, 'GET', '/api/next');
      const served = (JSON.parse(next.body) as { item?: { itemId: string } | null }).item;
      if (next.status !== 200 || !served) {
        count(refusals, next.body);
        return;
      }
      const body = { itemId: served.itemId, label: options.label(served.itemId, cycle) };
      const res = await call(
        token,
        'POST',
        '/api/answers',
        JSON.stringify({ ...body, timeSpentMs: 5000 }),
      );
      if (res.status === 200) acknowledged += 1;
      else {
        failures += 1;
        count(refusals, res.body);
      }
      if (measuring) latencies.push(performance.now() - t0);
      const think = options.thinkMs ?? 0;
      // A fixed spread per annotator and cycle, so runs pace alike.
      const pause = think * (0.5 + ((first * 7919 + cycle * 104729) % 1000) / 1000);
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };
  await Promise.all(
    options.tokens.map((token, n) =>
      annotate(token, n).catch((error: unknown) =>
        count(
          errors,
          `${String(error)} after ${((performance.now() - started) / 1000).toFixed(1)} s`,
        ),
      ),
    ),
  );
  clearTimeout(warm);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    latencies,
    seconds,
    clientCpuMicros: cpu.user + cpu.system,
    acknowledged,
    failures,
    refusals,
    errors,
  };
}

/** The latency at quantile `p` of sorted `latencies`. */
export function quantile(latencies: readonly number[], p: number): number {
  return latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
}
