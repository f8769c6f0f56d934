/** The figures of `bench/llm-logits.ts` as a markdown table, one row per configuration. */

/** One configuration in one trial. */
export interface Trial {
  /** Share of all items the machine kept, checked items never among them. */
  readonly spared: number;
  /** Final error of the whole data set (experts' labels count as right). */
  readonly error: number;
  /** USD for the whole data set: models, people and checks. */
  readonly cost: number;
  /** Cascades: the share of items the stronger model was run on; null for the others. */
  readonly stage2Share: number | null;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
};
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const stage2 = (list: readonly Trial[]) => {
  const shares = list.flatMap((t) => (t.stage2Share === null ? [] : [t.stage2Share]));
  return shares.length > 0 ? `${pct(mean(shares))} of items` : '—';
};

/**
 * The table for one ε: spared share (mean ± sd), share of trials whose final error is ≤ ε,
 * mean final error, mean cost and the saving against people alone and against the strong model
 * alone (under the same promise).
 * @example console.log(summariseTrials({ epsilon: 0.05, trials, n: 7640, peopleUsd: 0.125, strong: 'Mistral-7B-v0.1 alone' }))
 */
export function summariseTrials(input: {
  readonly epsilon: number;
  readonly trials: ReadonlyMap<string, readonly Trial[]>;
  readonly n: number;
  readonly peopleUsd: number;
  /** The configuration the strong model alone is (for the saving against it). */
  readonly strong: string;
}): string {
  const { epsilon, trials, n, peopleUsd } = input;
  const peopleAlone = n * peopleUsd;
  const strongList = trials.get(input.strong) ?? [];
  const strongCost = strongList.length > 0 ? mean(strongList.map((t) => t.cost)) : Number.NaN;
  const lines = [
    '',
    `### ε = ${epsilon}`,
    '',
    `| labeller | spared from experts | final error ≤ ε | mean final error | cost (USD) | saved vs people alone | saved vs ${input.strong} | stronger model run on |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [name, list] of trials) {
    const spared = list.map((t) => t.spared);
    const held = list.filter((t) => t.error <= epsilon).length / list.length;
    const cost = mean(list.map((t) => t.cost));
    lines.push(
      `| ${name} | ${pct(mean(spared))} ± ${pct(sd(spared))} | ${pct(held)} of ${list.length} | ${pct(mean(list.map((t) => t.error)))} | ${cost.toFixed(2)} | ${pct(1 - cost / peopleAlone)} | ${pct(1 - cost / strongCost)} | ${stage2(list)} |`,
    );
  }
  lines.push('', `people alone: ${peopleAlone.toFixed(2)} USD for ${n} items.`);
  return lines.join('\n');
}
