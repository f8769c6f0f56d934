/**
 * Measures `upsertItems` throughput the way import uses it: N items in batches of B, then the
 * same N again (all updates). Prints items per second for each pass. SQLite in a temporary file,
 * or the PostgreSQL database at `url` (its items table must be empty).
 * Usage: npx tsx bench/upsert-throughput.ts [items=200000] [batch=1000] [url]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Item } from '../src/core/types.js';
import { openStore } from '../src/store/open-store.js';

const total = Number(process.argv[2] ?? 200_000);
const batchSize = Number(process.argv[3] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'hilo-upsert-'));
const url = process.argv[4];
const store = await openStore(url === undefined ? { path: join(dir, 'bench.db') } : { url });

function batch(start: number): Item[] {
  const items: Item[] = [];
  for (let i = start; i < Math.min(start + batchSize, total); i += 1) {
    const text = `Item number ${i}: a short review text of about the length people paste in, 80 chars.`;
    items.push({
      id: `item-${i}`,
      fields: { text, source: 'bench', n: i },
      role: 'pool',
      batch: 'b1',
      goldLabel: null,
    });
  }
  return items;
}

for (const pass of ['insert', 'update']) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let inserted = 0;
  let updated = 0;
  for (let start = 0; start < total; start += batchSize) {
    const counts = await store.upsertItems(batch(start));
    inserted += counts.inserted;
    updated += counts.updated;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time as well as wall time: on a shared machine the wall figure mostly measures the neighbours.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${pass}: ${total} items, wall ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} items/s, ` +
      `cpu ${cpuSeconds.toFixed(2)} s = ${Math.round(total / cpuSeconds)} items/cpu-s (inserted ${inserted}, updated ${updated})`,
  );
}
console.log(
  `${cpus().length} cpus (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
await store.close();
rmSync(dir, { recursive: true, force: true });
