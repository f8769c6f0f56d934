/**
 * Reads `llm-logits-emotion/votes.csv`: five open LLMs' distributions over four emotions plus
 * the mass they put on "I don't know" / "None of the above" (kept outside the label set), and
 * the (noisy, distantly supervised) gold label of each item.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { memberRow, type MemberDistributions } from '../src/core/ensemble/index.js';

export const EMOTIONS = ['sadness', 'joy', 'anger', 'fear'] as const;

/**
 * Parameter counts in billions, from each model's card or paper (rounded as published); the
 * bench prices a model's item as its size × a price per billion parameters.
 */
export const MODEL_SIZES_B: Readonly<Record<string, number>> = {
  'Mistral-7B-v0.1': 7.24,
  'Qwen-7B': 7.72,
  'Llama-2-7b-hf': 6.74,
  'mpt-7b': 6.7,
  'falcon-7b': 7.22,
};

export interface EmotionVotes {
  readonly n: number;
  /** Gold label index of each item. */
  readonly truth: Int32Array;
  /** Each model's rows: K = 4 labels + other mass. */
  readonly models: ReadonlyMap<string, MemberDistributions>;
}

/**
 * The data set, or a sentence saying why it is missing.
 * @example const data = readEmotionVotes(root); if (typeof data === 'string') console.log(data)
 */
export function readEmotionVotes(root: string): EmotionVotes | string {
  const file = join(root, 'llm-logits-emotion', 'votes.csv');
  if (!existsSync(file))
    return `llm-logits-emotion: the data set is missing (no ${file}); nothing measured`;
  const records = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  const itemIndex = new Map<string, number>();
  const truth: number[] = [];
  const rowsByModel = new Map<string, Map<number, Float64Array>>();
  const labels = [...EMOTIONS];
  for (const r of records) {
    const id = r.item_id as string;
    let i = itemIndex.get(id);
    if (i === undefined) {
      i = itemIndex.size;
      itemIndex.set(id, i);
      truth.push(labels.indexOf(r.gold as (typeof EMOTIONS)[number]));
    }
    const probabilities = Object.fromEntries(labels.map((l) => [l, Number(r[`p_${l}`])]));
    const other = Number(r.p_i_dont_know) + Number(r.p_none_of_the_above);
    const model = r.model as string;
    if (!rowsByModel.has(model)) rowsByModel.set(model, new Map());
    rowsByModel.get(model)?.set(i, memberRow(probabilities, other, labels));
  }
  const n = itemIndex.size;
  const width = labels.length + 1;
  const models = new Map<string, MemberDistributions>();
  for (const [model, byItem] of rowsByModel) {
    const rows = new Float64Array(n * width).fill(Number.NaN);
    for (const [i, row] of byItem) rows.set(row, i * width);
    models.set(model, { K: labels.length, rows });
  }
  return { n, truth: Int32Array.from(truth), models };
}
