import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NewVote } from '../src/core/types.js';
import { openStore } from '../src/store/open-store.js';
import { bankingSubset, SUBSET_LABELS, type Row } from './banking-subset.js';
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

/** A small, quick active-learning run on the banking subset. */
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

describe('hilo simulate al', () => {
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

describe('hilo simulate relabel', () => {
  it('sweeps the share sent back to people and finds more wrong labels by confidence than at random', async () => {
    const file = await writeJsonl(
      join(dir, 'agreement.jsonl'),
      rows.map(({ text, label }, i) => ({ text, label, agreement: i % 3 === 0 ? 0.5 : 1 })),
    );
    const run = await hilo([
      'simulate',
      'relabel',
      '--data',
      file,
      '--agreement-field',
      'agreement',
      '--shares',
      '0,0.2',
      '--epochs',
      '3',
      '--folds',
      '3',
      '--json',
      '-',
    ]);
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out) as {
      noiseRate: number;
      sweep: {
        share: number;
        relabelled: number;
        byConfidence: { errorsFound: number };
        random: { errorsFound: number };
      }[];
    };
    expect(json.noiseRate).toBeGreaterThan(0.1);
    expect(json.noiseRate).toBeLessThan(0.25);
    expect(json.sweep.map((p) => p.share)).toEqual([0, 0.2]);
    expect(json.sweep[1]!.byConfidence.errorsFound).toBeGreaterThan(
      json.sweep[1]!.random.errorsFound,
    );
    expect(run.err).toMatch(/relabel: \d+ training items/);
  });

  it('names the line of a record without agreement', async () => {
    const file = await writeJsonl(join(dir, 'no-agreement.jsonl'), [{ text: 'a', label: 'x' }]);
    const run = await hilo([
      'simulate',
      'relabel',
      '--data',
      file,
      '--agreement-field',
      'agreement',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/no-agreement\.jsonl, line 1, field "agreement": expected a number/);
  });
});

describe('hilo simulate hybrid', () => {
  const common = () => [
    'simulate',
    'hybrid',
    '--data',
    data,
    '--label-field',
    'intent',
    '--gold',
    '60',
    '--batches',
    '3',
    '--epochs',
    '3',
  ];

  it('reports the hybrid plan against all-human and all-machine, with parametric people', async () => {
    const run = await hilo([
      ...common(),
      '--accept',
      '0.8',
      '--human-below',
      '0.4',
      '--annotators',
      '0.9,0.85,0.8,spam',
      '--json',
      '-',
    ]);
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out) as {
      pool: number;
      zones: { accept: number; overlap: number; human: number };
      hybrid: { cost: number; accuracy: { estimate: number } };
      allHuman: { cost: number };
      allMachine: { cost: number; accuracy: { estimate: number } };
    };
    expect(json.pool).toBe(rows.length - 60);
    expect(json.zones.accept + json.zones.overlap + json.zones.human).toBe(json.pool);
    expect(json.hybrid.cost).toBeLessThan(json.allHuman.cost);
    expect(json.hybrid.cost).toBeGreaterThan(json.allMachine.cost);
    expect(json.hybrid.accuracy.estimate).toBeGreaterThan(json.allMachine.accuracy.estimate);
    const text = await hilo([...common(), '--accept', '0.8', '--human-below', '0.4']);
    expect(text.out).toMatch(/saving against all-human: \d+\.\d%/);
  });

  it('fits the people by Dawid-Skene on a crowd file', async () => {
    // Five workers answer every gold-like item: two careful, three sloppy.
    const labels = [...new Set(rows.map((r) => r.label))];
    const answers: string[] = ['worker,task,label'];
    rows.slice(0, 120).forEach((r, i) => {
      for (let w = 0; w < 5; w++) {
        const wrong = (i * 7 + w * 13) % 10 < (w < 2 ? 1 : 4);
        answers.push(
          `w${w},t${i},${wrong ? labels[(labels.indexOf(r.label) + 1) % labels.length] : r.label}`,
        );
      }
    });
    const crowd = join(dir, 'crowd.csv');
    await writeFile(crowd, answers.join('\n') + '\n');
    const run = await hilo([...common(), '--crowd', crowd]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/people: 5 workers fitted by Dawid-Skene on .*crowd\.csv/);
  });

  it('refuses thresholds out of order and an unknown aggregation', async () => {
    const bad = await hilo([...common(), '--accept', '0.4', '--human-below', '0.8']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/human-below ≤ accept/);
    const method = await hilo([...common(), '--aggregation', 'psychic']);
    expect(method.code).toBe(2);
  });
});

/** Votes of a pretend LLM that is always right, at a given price per item. */
function llmVotes(rows: readonly { id: string; label: string }[], costUsd: number): NewVote[] {
  return rows.map((r) => ({
    itemId: r.id,
    source: 'llm:big-model#p1',
    label: r.label,
    probabilities: null,
    method: 'logprobs',
    otherMass: 0,
    verbalized: null,
    rationale: null,
    abstainReason: null,
    runId: null,
    tokensIn: 300,
    tokensOut: 1,
    costUsd,
    latencyMs: 100,
    timeSpentMs: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  }));
}

describe('hilo tournament', () => {
  it('ranks the local model against an LLM on trusted items and switches the first pass with --apply', async () => {
    const dir = await tempDir('tournament');
    const project = join(dir, 'bank');
    const p = ['--project', project];
    expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
    const gold = rows.filter((_, i) => i % 2 === 0);
    const test = rows.filter((_, i) => i % 2 === 1);
    await writeJsonl(join(dir, 'gold.jsonl'), gold);
    await writeJsonl(join(dir, 'test.jsonl'), test);
    expect((await hilo(['import', join(dir, 'gold.jsonl'), '--role', 'gold', ...p])).code).toBe(0);
    expect((await hilo(['import', join(dir, 'test.jsonl'), '--role', 'test', ...p])).code).toBe(0);
    expect((await hilo(['learn', '--folds', '3', ...p])).code).toBe(0);
    expect((await hilo(['label', ...p])).code).toBe(0);

    const store = await openStore({
      path: join(project, 'hilo.db'),
      clock: { now: () => Date.UTC(2026, 0, 1) },
    });
    await store.addVotes(llmVotes(rows, 0.01));
    await store.close();

    // A person costs $15/h at 120 items/h = $0.125; the local model is free and ~95% right,
    // the LLM is always right at $0.01: the local model's mistakes cost less than the LLM.
    const ranked = await hilo(['tournament', '--json', ...p]);
    expect(ranked.code, ranked.err).toBe(0);
    const json = JSON.parse(ranked.out) as {
      items: number;
      entries: {
        source: string;
        scored: number;
        accuracy: { estimate: number };
        costPerRightLabel: number;
      }[];
      winner: { source: string };
    };
    expect(json.items).toBe(rows.length);
    expect(json.entries.map((e) => e.source).sort()).toEqual(['llm:big-model#p1', 'model:local@1']);
    const local = json.entries.find((e) => e.source === 'model:local@1')!;
    expect(local.scored).toBe(rows.length); // out-of-fold votes on gold + votes on test
    expect(local.accuracy.estimate).toBeGreaterThan(0.85);
    expect(local.accuracy.estimate).toBeLessThan(1);
    const expectedWinner =
      (1 - local.accuracy.estimate) * 0.125 < 0.01 ? 'model:local@1' : 'llm:big-model#p1';
    expect(json.winner.source).toBe(expectedWinner);

    // Make the LLM nearly free: now it is the best per cost, and --apply selects it.
    const again = await openStore({
      path: join(project, 'hilo.db'),
      clock: { now: () => Date.UTC(2026, 0, 1) },
    });
    await again.addVotes(llmVotes(rows, 0.00001));
    await again.close();
    const applied = await hilo(['tournament', '--apply', ...p]);
    expect(applied.code, applied.err).toBe(0);
    expect(applied.out).toMatch(/best per cost: llm:big-model#p1/);
    expect(applied.out).toMatch(
      /hilo\.yaml: labeller\.default = llm, labeller\.llm\.model = big-model/,
    );
    const yaml = await readFile(join(project, 'hilo.yaml'), 'utf8');
    expect(yaml).toMatch(/default: llm/);
    expect(yaml).toMatch(/model: big-model/);
    expect((await hilo(['eval', '--source', 'model:local@1', ...p])).code).toBe(0); // still a valid project
  });

  it('says so when no machine labeller has voted on trusted items', async () => {
    const dir = await tempDir('tournament-empty');
    const project = join(dir, 'p');
    await hilo(['init', project, '--labels', 'a,b']);
    const run = await hilo(['tournament', '--project', project]);
    expect(run.code).toBe(3);
    expect(run.err).toMatch(/no machine votes on gold\/test items/);
  });
});

describe('simulation results in HTML', () => {
  it('writes learning curves and a table with --html, and adds saved results to the project report', async () => {
    const html = join(dir, 'al.html');
    const json = join(dir, 'al-for-report.json');
    const run = await hilo([...args(), '--json', json, '--html', html]);
    expect(run.code, run.err).toBe(0);
    const page = await readFile(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('id="plot-learning-curves"');
    expect(page.match(/<td>(random|margin|badge)<\/td>/g)).toHaveLength(3);

    const project = join(dir, 'report-project');
    expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
    const p = ['--project', project];
    const gold = await writeJsonl(join(dir, 'report-gold.jsonl'), rows.slice(0, 200));
    const test = await writeJsonl(join(dir, 'report-test.jsonl'), rows.slice(200, 300));
    expect((await hilo(['import', gold, '--role', 'gold', ...p])).code).toBe(0);
    expect((await hilo(['import', test, '--role', 'test', ...p])).code).toBe(0);
    expect((await hilo(['learn', '--folds', '0', ...p])).code).toBe(0);
    expect((await hilo(['label', ...p])).code).toBe(0);
    const out = join(dir, 'report.html');
    const report = await hilo(['report', '--project', project, '--out', out, '--simulation', json]);
    expect(report.code, report.err).toBe(0);
    const full = await readFile(out, 'utf8');
    expect(full).toContain('id="sim-al"');
    expect(full).toContain('Active learning: al-for-report.json');

    const notResult = join(dir, 'not-a-result.json');
    await writeFile(notResult, '{"hello": 1}\n');
    const bad = await hilo([
      'report',
      '--project',
      project,
      '--out',
      out,
      '--simulation',
      notResult,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not-a-result\.json.*not a simulation result/);
  });
});
