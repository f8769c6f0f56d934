/**
 * Pairwise preference on real data. LLMFAO: the crowd's aggregate (Dawid-Skene over {left,
 * right, tie}) against plain majority, and each one's agreement with GPT-4 (a reference, not
 * gold: there is none); a Bradley–Terry ranking of the models from the aggregate; GPT-4 and
 * GPT-3.5 against the aggregate; position bias as the share of non-tie verdicts that pick the
 * left answer. PandaLM test set: gpt-3.5-turbo and PandaLM-7B against the 3-annotator majority.
 *
 *   npx tsx bench/pairwise.ts [--top 10] [--bottom 5]
 *
 * Data: ../shared/datasets/llmfao-pairwise and pandalm-testset (or $HILO_DATASETS); says so and
 * measures nothing when a data set is missing.
 */
import { parseArgs } from 'node:util';
import {
  buildVoteMatrix,
  dawidSkene,
  majorityVote,
  RECOMMENDED_DAWID_SKENE,
} from '../src/core/aggregation/index.js';
import { bradleyTerry, judgeAgreement } from '../src/core/pairwise/index.js';
import { loadLlmfao, loadPandaLm, VERDICT_NAMES, type Llmfao } from './pairwise-data.js';

const { values: args } = parseArgs({
  options: {
    top: { type: 'string', default: '10' },
    bottom: { type: 'string', default: '5' },
  },
});

const f3 = (x: number): string => x.toFixed(3);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const table = (head: string[], rows: string[][]): void => {
  console.log(`| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('');
};

/** Counts of A, B and tie. */
function counts(verdicts: Int32Array): string {
  const n = [0, 0, 0];
  for (const v of verdicts) if (v >= 0) n[v]! += 1;
  return n.join(' / ');
}

/** `judge` against `people`: raw agreement and κ, `n` items. */
function versus(judge: Int32Array, people: Int32Array): string {
  const a = judgeAgreement(judge, people);
  return `${f3(a.agreement)} / ${f3(a.kappa)} (${a.items})`;
}

/** Only the items where neither side is a tie (−1 elsewhere), so both become two-way verdicts. */
function decisive(x: Int32Array, y: Int32Array): [Int32Array, Int32Array] {
  const keep = (i: number): boolean => x[i] !== 2 && y[i] !== 2;
  return [x.map((v, i) => (keep(i) ? v : -1)), y.map((v, i) => (keep(i) ? v : -1))];
}

/** Share of non-tie verdicts that pick the left (first-shown) answer, with a 95% Wilson interval. */
function leftShare(verdicts: ArrayLike<number>): string[] {
  let left = 0;
  let n = 0;
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i] as number;
    if (v === 0 || v === 1) n++;
    if (v === 0) left++;
  }
  const z = 1.959963984540054;
  const p = left / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [String(n), pct(p), `${pct(centre - half)} – ${pct(centre + half)}`];
}

function llmfao(data: Llmfao): void {
  const built = buildVoteMatrix(data.votes, { labels: [...VERDICT_NAMES], items: data.pairs });
  const started = performance.now();
  const majority = majorityVote(built.matrix, { seed: 0 }).labels;
  const ds = dawidSkene(built.matrix, { ...RECOMMENDED_DAWID_SKENE, seed: 0 });
  const plain = dawidSkene(built.matrix, { seed: 0 });
  const aggregateMs = performance.now() - started;
  const aggregate = ds.labels;
  // A strict plurality (no tie for the most votes): the README's reference subset.
  const perItem = new Float64Array(data.pairs.length * 3);
  for (const v of data.votes) {
    const i = built.itemIndex.get(v.item) as number;
    perItem[i * 3 + VERDICT_NAMES.indexOf(v.label as 'a')]! += 1;
  }
  const plurality = Int32Array.from(data.pairs, (_, i) => {
    const row = perItem.subarray(i * 3, i * 3 + 3);
    const top = Math.max(...row);
    return row.filter((c) => c === top).length === 1 ? row.indexOf(top) : -1;
  });

  console.log(
    `LLMFAO: ${data.pairs.length} pairs, ${data.models.length} models, ${data.votes.length} crowd votes by ${built.annotators.length} workers; aggregation ${aggregateMs.toFixed(0)} ms (Dawid-Skene ${ds.iterations} sweeps, converged ${ds.converged}; plain ${plain.iterations}, ${plain.converged})\n`,
  );
  console.log('Crowd aggregates (verdict counts left / right / tie; agreement / κ (pairs)):\n');
  table(
    ['aggregate', 'left / right / tie', 'vs majority', 'vs Dawid-Skene', 'vs GPT-4 (reference)'],
    [
      ['majority (ties for the most votes broken at random, seed 0)', majority, 'majority'],
      ['Dawid-Skene, recommended options', aggregate, 'ds'],
      ['Dawid-Skene, textbook (smoothing 0.01, no shrinkage)', plain.labels, 'plain'],
      ['strict plurality only (README subset)', plurality, 'plurality'],
    ].map(([name, labels]) => [
      name as string,
      counts(labels as Int32Array),
      versus(labels as Int32Array, majority),
      versus(labels as Int32Array, aggregate),
      versus(labels as Int32Array, data.gpt4),
    ]),
  );

  console.log('LLM judges against the crowd (agreement / κ (pairs)):\n');
  table(
    [
      'judge',
      'left / right / tie',
      'vs Dawid-Skene',
      'same, neither a tie',
      'vs majority',
      'vs strict plurality',
      'same, neither a tie',
    ],
    [
      ['GPT-4', data.gpt4],
      ['GPT-3.5 (turbo-instruct)', data.gpt35],
    ].map(([name, judge]) => {
      const j = judge as Int32Array;
      return [
        name as string,
        counts(j),
        versus(j, aggregate),
        versus(...decisive(j, aggregate)),
        versus(j, majority),
        versus(j, plurality),
        versus(...decisive(j, plurality)),
      ];
    }),
  );

  console.log('Position bias: share of non-tie verdicts that pick the left answer:\n');
  const rawCrowd = data.votes.map((v) => VERDICT_NAMES.indexOf(v.label as 'a'));
  table(
    ['who', 'non-tie verdicts', 'left share', '95% interval (Wilson)'],
    [
      ['crowd, every vote', ...leftShare(rawCrowd)],
      ['crowd, Dawid-Skene aggregate', ...leftShare(aggregate)],
      ['crowd, majority', ...leftShare(majority)],
      ['GPT-4', ...leftShare(data.gpt4)],
      ['GPT-3.5 (turbo-instruct)', ...leftShare(data.gpt35)],
    ],
  );

  const score = [1, 0, 0.5];
  const fromAggregate = bradleyTerry({
    numSystems: data.models.length,
    first: data.left,
    second: data.right,
    score: Float64Array.from(aggregate, (v) => score[v] as number),
  });
  const games = new Int32Array(data.models.length);
  for (let p = 0; p < data.pairs.length; p++) {
    games[data.left[p] as number]! += 1;
    games[data.right[p] as number]! += 1;
  }
  const top = Number(args.top);
  const bottom = Number(args.bottom);
  const m = data.models.length;
  const ranks = [
    ...Array.from({ length: top }, (_, r) => r),
    ...Array.from({ length: bottom }, (_, r) => m - bottom + r),
  ];
  console.log(
    `Bradley–Terry from the Dawid-Skene aggregate (one comparison per pair, tie = half; prior 1; ${fromAggregate.iterations} MM steps, converged ${fromAggregate.converged}): top ${top} and bottom ${bottom} of ${m}\n`,
  );
  table(
    ['rank', 'model', 'pairs', 'log-strength', '95% interval', 'strength (geometric mean 1)'],
    ranks.map((r) => {
      const s = fromAggregate.ranking[r] as number;
      return [
        String(r + 1),
        data.models[s] as string,
        String(games[s]),
        f3(fromAggregate.scores[s] as number),
        `${f3(fromAggregate.lower[s] as number)} – ${f3(fromAggregate.upper[s] as number)}`,
        f3(Math.exp(fromAggregate.scores[s] as number)),
      ];
    }),
  );

  // The README's reference: every crowd vote a comparison, plain maximum likelihood.
  const pairOf = data.votes.map((v) => built.itemIndex.get(v.item) as number);
  const fromVotes = bradleyTerry(
    {
      numSystems: m,
      first: Int32Array.from(pairOf, (p) => data.left[p] as number),
      second: Int32Array.from(pairOf, (p) => data.right[p] as number),
      score: Float64Array.from(rawCrowd, (v) => score[v] as number),
    },
    { prior: 0 },
  );
  const name = (r: number): string => {
    const s = fromVotes.ranking[r] as number;
    return `${data.models[s]} ${f3(Math.exp(fromVotes.scores[s] as number))}`;
  };
  console.log(
    `Check, Bradley–Terry on every crowd vote (prior 0): first ${[0, 1, 2, 3, 4].map(name).join(', ')}; last ${[m - 3, m - 2, m - 1].map(name).join(', ')}\n`,
  );
}

function pandaLm(): void {
  const data = loadPandaLm();
  if (typeof data === 'string') {
    console.log(`PandaLM: skipped — ${data} (the pandalm-testset data set is missing)`);
    return;
  }
  const [a1, a2, a3] = data.annotators;
  const majority = Int32Array.from(a1, (v, i) => {
    const w = a2[i] as number;
    const x = a3[i] as number;
    return v === w || v === x ? v : w === x ? w : -1;
  });
  const unanimous = a1.filter((v, i) => v === a2[i] && v === a3[i]).length;
  console.log(
    `PandaLM test set: ${a1.length} pairs, 2-of-3 majority on ${majority.filter((v) => v >= 0).length} (unanimous ${unanimous}); majority response 1 / response 2 / tie ${counts(majority)}\n`,
  );
  const rows = [
    ['gpt-3.5-turbo', data.gpt35],
    ['PandaLM-7B', data.pandalm],
  ].map(([name, judge]) => {
    const j = judge as Int32Array;
    const a = judgeAgreement(j, majority);
    const unparsed = j.filter((v) => v < 0).length;
    return [
      name as string,
      counts(j),
      String(unparsed),
      f3((a.agreement * a.items) / majority.length),
      f3(a.agreement),
      f3(a.kappa),
      versus(...decisive(j, majority)),
      leftShare(j)[1] as string,
    ];
  });
  table(
    [
      'judge',
      'response 1 / 2 / tie',
      'unparsable',
      'agreement, all pairs (unparsable wrong)',
      'agreement, parsed',
      'κ, parsed',
      'neither a tie: agreement / κ (pairs)',
      'response-1 share of non-tie',
    ],
    rows,
  );
  console.log(`majority's response-1 share of non-tie: ${leftShare(majority)[1]}`);
}

const data = loadLlmfao();
if (typeof data === 'string') {
  console.log(`LLMFAO: skipped — ${data} (the llmfao-pairwise data set is missing)`);
} else {
  llmfao(data);
}
pandaLm();
