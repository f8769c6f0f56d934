/**
 * Import benchmark: writes a JSON-lines file of N items (default 1,000,000) to a temporary
 * folder, then measures, each in a fresh process so peak memory is its own:
 *   read     - the JSONL reader alone (parse every line, no validation)
 *   validate - importItems into a store that discards items: reading, validation, duplicate ids
 *   import   - importItems into a SQLite store file (validation, one transaction, upserts)
 *   csv / parquet reading - the same items converted once (with --formats)
 * Prints items/s and peak RSS per phase. Target: import >= 100,000 items/s.
 *
 *   npx tsx bench/import.ts [--items 1000000] [--formats]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRecordSink } from '../src/files/open-record-sink.js';
import { openRecordSource } from '../src/files/open-record-source.js';
import { importItems } from '../src/pipeline/items/index.js';
import { MemoryStore } from '../src/testing/fakes/memory-store.js';
import type { Store, UpsertCounts } from '../src/core/ports/store.js';
import type { Item } from '../src/core/types.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

interface PhaseResult {
  readonly phase: string;
  readonly items: number;
  readonly seconds: number;
  /** CPU time of the process (user + system), the fairer figure on a busy machine. */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

const WORDS =
  'free win cash now call the meeting at noon please reply soon offer limited time you have been selected for a prize claim today tomorrow friend lunch'.split(
    ' ',
  );

async function generate(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  let chunk = '';
  for (let i = 0; i < count; i++) {
    const words: string[] = [];
    const length = 8 + (next() % 16);
    for (let w = 0; w < length; w++) words.push(WORDS[next() % WORDS.length] as string);
    chunk += `${JSON.stringify({ id: `item-${i}`, text: words.join(' '), channel: i % 3 === 0 ? 'sms' : 'mail' })}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
}

async function convert(from: string, to: string): Promise<void> {
  const sink = openRecordSink(to);
  for await (const batch of (await openRecordSource(from)).batches(1000)) {
    for (const record of batch) if ('values' in record) await sink.write(record.values);
  }
  await sink.close();
}

/** A store that counts items and keeps none, to time the import step without a database. */
class DiscardingStore extends MemoryStore {
  override async upsertItems(items: readonly Item[]): Promise<UpsertCounts> {
    return { inserted: items.length, updated: 0 };
  }
}

async function runPhase(phase: string, file: string, workDir: string): Promise<PhaseResult> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let items = 0;
  if (phase === 'import' || phase === 'validate') {
    const store: Store =
      phase === 'import'
        ? await openSqliteStore({ path: join(workDir, 'bench.db') })
        : new DiscardingStore();
    const report = await importItems({
      store,
      source: await openRecordSource(file),
      role: 'pool',
      idField: 'id',
      labelField: 'label',
      fields: ['text'],
      labels: ['spam', 'ham'],
      skipInvalid: false,
    });
    items = report.inserted + report.updated;
    await store.close();
  } else {
    for await (const batch of (await openRecordSource(file)).batches(1000)) items += batch.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { phase, items, seconds, cpuSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Runs one phase in a child process (same loader), so each peak RSS is that phase's alone. */
function inChild(phase: string, file: string, workDir: string): PhaseResult {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, script, '--phase', phase, file, workDir],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`phase ${phase} failed with status ${child.status}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as PhaseResult;
}

function print(result: PhaseResult, bytes?: number): void {
  const rate = (seconds: number) => Math.round(result.items / seconds).toLocaleString('en-US');
  const size = bytes === undefined ? '' : `, file ${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `${result.phase.padEnd(12)} ${result.items.toLocaleString('en-US')} items: ${result.seconds.toFixed(2)} s wall = ${rate(result.seconds)} items/s; ${result.cpuSeconds.toFixed(2)} s CPU = ${rate(result.cpuSeconds)} items/CPU-s; peak RSS ${result.peakRssMb.toFixed(0)} MB${size}`,
  );
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--phase') {
    const [, phase, file, workDir] = argv;
    console.log(JSON.stringify(await runPhase(phase as string, file as string, workDir as string)));
    return;
  }
  const itemsFlag = argv.indexOf('--items');
  const count = itemsFlag >= 0 ? Number(argv[itemsFlag + 1]) : 1_000_000;
  const workDir = mkdtempSync(join(tmpdir(), 'hilo-bench-import-'));
  try {
    const jsonl = join(workDir, 'items.jsonl');
    const t0 = performance.now();
    await generate(jsonl, count);
    console.log(
      `generated ${count.toLocaleString('en-US')} lines in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    print(inChild('read', jsonl, workDir), statSync(jsonl).size);
    print(inChild('validate', jsonl, workDir));
    print(inChild('import', jsonl, workDir));
    if (argv.includes('--formats')) {
      for (const ext of ['csv', 'parquet']) {
        const path = join(workDir, `items.${ext}`);
        await convert(jsonl, path);
        print({ ...inChild('read', path, workDir), phase: `read ${ext}` }, statSync(path).size);
      }
    }
    console.log(
      `node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}`,
    );
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
