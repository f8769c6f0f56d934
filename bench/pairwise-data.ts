/**
 * Pairwise preference data for bench/pairwise.ts, as class indices over {A, B, tie} = {0, 1, 2}
 * (A is the response shown first, on the left; −1 where there is no usable verdict).
 * LLMFAO (Ustalov 2023, CC BY 4.0, https://github.com/dustalov/llmfao; prompts, models and
 * answers from llmonitor.com, CC BY 4.0) and the PandaLM test set (Wang et al., ICLR 2024,
 * Apache-2.0, https://github.com/WeOpenML/PandaLM). Read in place, never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { LongVote } from '../src/core/aggregation/index.js';

const ROOT =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));

const SIDE: Readonly<Record<string, number>> = { left: 0, right: 1, tie: 2 };
export const VERDICT_NAMES = ['a', 'b', 'tie'] as const;

export interface Llmfao {
  /** Pair ids in index order. */
  readonly pairs: readonly string[];
  /** Model names; `left[p]` / `right[p]` index them. */
  readonly models: readonly string[];
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Crowd votes, one per (pair, worker), with labels from VERDICT_NAMES. */
  readonly votes: readonly LongVote[];
  /** The judges' verdict per pair. */
  readonly gpt4: Int32Array;
  readonly gpt35: Int32Array;
}

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  return parse(readFileSync(file, 'utf8'), { columns: true }) as Row[];
}

function side(winner: string | undefined, where: string): number {
  const k = SIDE[winner ?? ''];
  if (k === undefined) throw new Error(`${where}: winner "${winner}" is not left, right or tie`);
  return k;
}

/** LLMFAO crowd and judge comparisons; a string saying why when the files are missing. */
export function loadLlmfao(): Llmfao | string {
  const dir = join(ROOT, 'llmfao-pairwise');
  const files = [
    'crowd-comparisons.csv',
    'gpt4-crowd-comparisons.csv',
    'gpt3-crowd-comparisons.csv',
  ];
  const missing = files.map((f) => join(dir, f)).find((f) => !existsSync(f));
  if (missing) return `no data at ${missing}`;
  const [crowd, gpt4, gpt35] = files.map((f) => readCsv(join(dir, f))) as [Row[], Row[], Row[]];
  const pairs = gpt4.map((r) => r.id as string);
  const pairIndex = new Map(pairs.map((id, i) => [id, i]));
  const models: string[] = [];
  const modelIndex = new Map<string, number>();
  const model = (name: string): number => {
    let m = modelIndex.get(name);
    if (m === undefined) {
      m = models.length;
      models.push(name);
      modelIndex.set(name, m);
    }
    return m;
  };
  const left = Int32Array.from(gpt4, (r) => model(r.left as string));
  const right = Int32Array.from(gpt4, (r) => model(r.right as string));
  const judge = (rows: Row[], name: string): Int32Array => {
    const out = new Int32Array(pairs.length).fill(-1);
    for (const r of rows) {
      const p = pairIndex.get(r.id as string);
      if (p === undefined) throw new Error(`${name}: pair ${r.id} is not in the GPT-4 file`);
      out[p] = side(r.winner, name);
    }
    return out;
  };
  const votes = crowd.map((r): LongVote => {
    if (!pairIndex.has(r.id as string)) throw new Error(`crowd: pair ${r.id} has no judge verdict`);
    return {
      item: r.id as string,
      annotator: r.worker as string,
      label: VERDICT_NAMES[side(r.winner, 'crowd')] as string,
    };
  });
  return {
    pairs,
    models,
    left,
    right,
    votes,
    gpt4: judge(gpt4, 'gpt4'),
    gpt35: judge(gpt35, 'gpt3'),
  };
}

export interface PandaLm {
  /** Three annotators' verdicts, one array per annotator. */
  readonly annotators: readonly [Int32Array, Int32Array, Int32Array];
  /** gpt-3.5-turbo's verdict, −1 for its 25 unparsable ("garbage") outputs. */
  readonly gpt35: Int32Array;
  readonly pandalm: Int32Array;
}

/** PandaLM's 0 = tie, 1 = response 1, 2 = response 2 as {A, B, tie}. */
const PANDA: Readonly<Record<string, number>> = { '1': 0, '2': 1, '0': 2, Tie: 2 };

/** The PandaLM test set with both judges; a string saying why when the files are missing. */
export function loadPandaLm(): PandaLm | string {
  const dir = join(ROOT, 'pandalm-testset');
  const files = ['testset-v1.json', 'gpt-3.5-turbo-testset-v1.json', 'pandalm-7b-testset-v1.json'];
  const missing = files.map((f) => join(dir, f)).find((f) => !existsSync(f));
  if (missing) return `no data at ${missing}`;
  const [tests, gpt, panda] = files.map(
    (f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>[],
  ) as [Record<string, unknown>[], Record<string, unknown>[], Record<string, unknown>[]];
  const verdict = (value: unknown): number => PANDA[String(value)] ?? -1;
  for (let i = 0; i < tests.length; i++) {
    if (gpt[i]?.idx !== tests[i]?.idx || panda[i]?.idx !== tests[i]?.idx) {
      throw new Error(`pandalm: row ${i} does not line up across the three files`);
    }
  }
  const annotator = (n: number): Int32Array =>
    Int32Array.from(tests, (t) => {
      const k = verdict(t[`annotator${n}`]);
      if (k < 0) throw new Error(`pandalm: item ${String(t.idx)} annotator${n} has no verdict`);
      return k;
    });
  return {
    annotators: [annotator(1), annotator(2), annotator(3)],
    gpt35: Int32Array.from(gpt, (g) => verdict(g.gpt_result)),
    pandalm: Int32Array.from(panda, (p) => verdict(p.pandalm_result)),
  };
}
