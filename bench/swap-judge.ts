/**
 * The swap-and-combine pairwise judge against a judge asked once, on a test double with a known
 * built-in position bias (src/testing/fakes/biased-judge.ts): with probability `firstBias` the
 * double picks whichever response it is shown first, otherwise the better one with its true
 * probability. For each bias: accuracy of the verdicts against the true better response, asked
 * once (`pairwise.swap: false`) and in both orders (`swap: true`), and the position bias the
 * label run measured (share of verdicts that flip with the order, share of decisive verdicts won
 * by the first-shown response, and the mean shift of probability towards it, which is half the
 * built-in bias times 1 − tie with logprobs; with one sample per order the first-shown share is
 * 0.5 + bias / 2). No data set: the pairs are synthetic, seeded.
 *
 *   npx tsx bench/swap-judge.ts [--items 1000] [--seed 14]
 */
import { parseArgs } from 'node:util';
import type { LlmLabellerConfig, ProjectConfig } from '../src/core/project.js';
import { createRng } from '../src/core/rng.js';
import type { Item } from '../src/core/types.js';
import { createLlmBatchLabeller, labelItems } from '../src/pipeline/label/index.js';
import { item as anItem, project as aProject } from '../src/testing/builders/index.js';
import { biasedJudge, type JudgedPair } from '../src/testing/fakes/biased-judge.js';
import { MemoryStore } from '../src/testing/fakes/memory-store.js';
import { createScriptedModel } from '../src/testing/fakes/scripted-model.js';

const { values: args } = parseArgs({
  options: { items: { type: 'string', default: '1000' }, seed: { type: 'string', default: '14' } },
});
const N = Number(args.items);
const SEED = Number(args.seed);
const TIE = 0.05;
const clock = { now: () => Date.UTC(2026, 11, 7) };
const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)}%`;

function pairs(): { items: Item[]; known: Map<string, JudgedPair>; truth: Map<string, string> } {
  const rng = createRng(SEED);
  const items: Item[] = [];
  const known = new Map<string, JudgedPair>();
  const truth = new Map<string, string>();
  for (let i = 0; i < N; i++) {
    const margin = 0.02 + 0.48 * rng.next();
    const aWins = rng.next() < 0.5;
    const pair = { a: `answer a${i}`, b: `answer b${i}`, pA: aWins ? 0.5 + margin : 0.5 - margin };
    known.set(`question ${i}`, pair);
    truth.set(`p${i}`, aWins ? 'a' : 'b');
    items.push(anItem(`p${i}`, { fields: { prompt: `question ${i}`, a: pair.a, b: pair.b } }));
  }
  return { items, known, truth };
}

async function run(swap: boolean, firstBias: number, llm: Partial<LlmLabellerConfig>) {
  const { items, known, truth } = pairs();
  const base = aProject({
    kind: 'pairwise',
    fields: ['prompt', 'a', 'b'],
    labels: ['a', 'b', 'tie'],
  });
  const project: ProjectConfig = {
    ...base,
    pairwise: { ...base.pairwise, swap },
    labeller: { ...base.labeller, llm: { ...base.labeller.llm, concurrency: 4, ...llm } },
  };
  const store = new MemoryStore();
  await store.upsertItems(items);
  const model = createScriptedModel({
    respond: biasedJudge({ pairs: known, firstBias, tie: TIE, seed: SEED }),
  });
  const settings = project.labeller.llm;
  const labeller = createLlmBatchLabeller({ model, project, settings, demos: [] });
  const report = await labelItems({ store, labeller, clock });
  const decisions = await store.listDecisions({});
  const right = decisions.filter((d) => d.label === truth.get(d.itemId)).length;
  return { accuracy: right / N, requests: model.calls.length, bias: report.positionBias };
}

const modes: { name: string; llm: Partial<LlmLabellerConfig> }[] = [
  { name: 'logprobs', llm: { confidence: 'logprobs' } },
  { name: '1 sample (T = 1)', llm: { confidence: 'self-consistency', samples: 1, temperature: 1 } },
];
console.log(
  `${N} synthetic pairs, better response a or b at random by a margin of 0.02–0.5, tie ${TIE}\n`,
);
console.log(
  '| confidence | built-in bias | accuracy asked once | accuracy both orders | requests per item | flips with the order | first-shown wins (decisive) | mean shift to the first |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const mode of modes) {
  for (const firstBias of [0, 0.2, 0.4, 0.6]) {
    const once = await run(false, firstBias, mode.llm);
    const both = await run(true, firstBias, mode.llm);
    const shift = both.bias?.positionShift ?? null;
    console.log(
      `| ${mode.name} | ${firstBias.toFixed(1)} | ${pct(once.accuracy)} | ${pct(both.accuracy)} | ${(both.requests / N).toFixed(1)} | ` +
        `${pct(both.bias?.flipRate)} | ${pct(both.bias?.firstPositionWinRate)} | ${shift === null ? '–' : shift.toFixed(3)} |`,
    );
  }
}
