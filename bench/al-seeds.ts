/**
 * Summarises `bench/al.ts --part curves --seed S` runs over several seeds: labels each strategy
 * needed to reach 99% of full-data accuracy per seed, their mean, and the saving of that mean
 * against random's.
 *
 *   npx tsx bench/al-seeds.ts bench/out/al-banking77-seed1.json bench/out/al-banking77-seed2.json …
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AlSimulationResult } from '../src/pipeline/simulate/index.js';

const files = process.argv.slice(2);
const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as AlSimulationResult);
if (runs.length === 0) {
  console.error('usage: npx tsx bench/al-seeds.ts RESULT.json …');
  process.exit(2);
}
const names = Object.keys(runs[0]?.strategies ?? {});
const reached = (name: string) => runs.map((r) => r.strategies[name]?.labelsToReach99 ?? null);
const mean = (values: (number | null)[]) =>
  values.some((v) => v === null)
    ? null
    : (values as number[]).reduce((a, b) => a + b, 0) / values.length;
const random = mean(reached('random'));
const full = runs.map((r) => `${(100 * r.fullDataAccuracy).toFixed(1)}%`).join(', ');
console.log(
  `${files.map((f) => basename(f)).join(', ')}: pool ${runs[0]?.pool}, full-data accuracy ${full}\n`,
);
console.log(
  `| strategy | labels to 99% per seed | mean | saving vs random (mean) |\n| --- | --- | --- | --- |`,
);
for (const name of names) {
  const values = reached(name);
  const m = mean(values);
  const saving =
    name === 'random' || m === null || random === null
      ? '—'
      : `${(100 * (1 - m / random)).toFixed(0)}%`;
  console.log(
    `| ${name} | ${values.map((v) => v ?? 'not reached').join(' / ')} | ${m === null ? '—' : m.toFixed(0)} | ${saving} |`,
  );
}
