import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankingSubset, type Row } from './banking-subset.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

interface AlJson {
  fullDataAccuracy: number;
  strategies: Record<
    string,
    {
      rounds: { labels: number; accuracy: number }[];
      labelsToReach99: number | null;
      seconds: number | null;
    }
  >;
}

let rows: Row[];
let dir: string;
let data: string;
beforeAll(async () => {
  rows = bankingSubset();
  dir = await tempDir('simulate');
  data = await writeJsonl(
    join(dir, 'bank.jsonl'),
    rows.map(({ text, label }) => ({ text, intent: label })),
  );
});

describe('hilo simulate al', () => {
  const args = () => [
    'simulate',
    'al',
    '--data',
    data,
    '--label-field',
    'intent',
    '--strategies',
    'random,margin,badge',
    '--batch',
    '20',
    '--initial',
    '30',
    '--rounds',
    '3',
    '--epochs',
    '3',
  ];

  it('writes learning curves per strategy in the documented JSON shape, with progress on stderr', async () => {
    const out = join(dir, 'al.json');
    const run = await hilo([...args(), '--json', out]);
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(await readFile(out, 'utf8')) as AlJson;
    expect(json.fullDataAccuracy).toBeGreaterThan(0.8);
    expect(json.fullDataAccuracy).toBeLessThanOrEqual(1);
    expect(Object.keys(json.strategies)).toEqual(['random', 'margin', 'badge']);
    for (const s of Object.values(json.strategies)) {
      expect(s.rounds.map((r) => r.labels)).toEqual([30, 50, 70, 90]);
      for (const r of s.rounds) expect(Object.keys(r).sort()).toEqual(['accuracy', 'labels']);
      expect(s.rounds.every((r) => r.accuracy >= 0 && r.accuracy <= 1)).toBe(true);
      const target = 0.99 * json.fullDataAccuracy;
      const first = s.rounds.find((r) => r.accuracy >= target);
      expect(s.labelsToReach99).toBe(first ? first.labels : null);
    }
    // Every strategy starts from the same initial set and the same model.
    const starts = new Set(Object.values(json.strategies).map((s) => s.rounds[0]?.accuracy));
    expect(starts.size).toBe(1);
    // Learning happens: 90 labels beat 30.
    const random = json.strategies.random!.rounds;
    expect(random[3]!.accuracy).toBeGreaterThan(random[0]!.accuracy);
    expect(run.err).toMatch(/al margin: round 2\/3, 70 labels, accuracy \d+\.\d%/);
    expect(run.out).toMatch(/full-data accuracy \d+\.\d%/);
    expect(run.out).toMatch(/^ {2}badge\s+\d+\.\d% after 90 labels/m);
  });

  it('gives the same curves for the same seed', async () => {
    const a = await hilo([...args(), '--json', '-']);
    const b = await hilo([...args(), '--json', '-']);
    const strip = (text: string) => {
      const json = JSON.parse(text) as AlJson;
      for (const s of Object.values(json.strategies)) s.seconds = null;
      return json;
    };
    expect(strip(a.out)).toEqual(strip(b.out));
  });

  it('fails with a one-line reason on a bad strategy or a missing label', async () => {
    const bad = await hilo([...args().slice(0, -8), '--strategies', 'random,psychic']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--strategies: "psychic" is not one of/);
    const file = join(dir, 'broken.jsonl');
    await writeFile(file, '{"text":"a","intent":"x"}\n{"text":"b"}\n');
    const missing = await hilo(['simulate', 'al', '--data', file, '--label-field', 'intent']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/broken\.jsonl, line 2, field "intent": no label/);
  });
});
