/**
 * Ratings on an ordered scale with the ordinal core: agreement (Krippendorff's α, ordinal and
 * interval) and aggregation (median of raters, majority vote, Dawid-Skene's posterior median)
 * on ConvAbuse's 8 experts, and α and the median of raters against the published gold means on
 * EmoBank. Only ratings are read, never texts.
 *
 *   npx tsx bench/ordinal.ts
 *
 * Data from ../shared/datasets/{convabuse,emobank} (or $HILO_DATASETS/...).
 */
import {
  dawidSkene,
  majorityVote,
  RECOMMENDED_DAWID_SKENE,
} from '../src/core/aggregation/index.js';
import {
  medianRatings,
  ratingAlpha,
  ratingErrors,
  ratingKappa,
  ratingTableItems,
  ratingVoteMatrix,
  scaleMedian,
  type RatingTable,
} from '../src/core/ordinal/index.js';
import { DIMENSIONS, loadConvAbuse, loadEmoBank } from './ordinal-data.js';

type Aggregator = (table: RatingTable) => Int32Array;

const AGGREGATORS: [string, Aggregator][] = [
  ['median of raters (`medianRatings`, even split → lower)', (t) => medianRatings(t)],
  [
    'majority vote, nominal (`majorityVote`, ties by seed 0)',
    (t) => majorityVote(ratingVoteMatrix(t)).labels,
  ],
  ['Dawid-Skene over 5 levels, posterior median (`scaleMedian`)', (t) => dsMedian(t)],
  [
    'Dawid-Skene over 5 levels, argmax',
    (t) => dawidSkene(ratingVoteMatrix(t), RECOMMENDED_DAWID_SKENE).labels,
  ],
];

function dsMedian(table: RatingTable): Int32Array {
  const K = table.numLevels;
  const { posteriors } = dawidSkene(ratingVoteMatrix(table), RECOMMENDED_DAWID_SKENE);
  return Int32Array.from({ length: posteriors.length / K }, (_, i) =>
    scaleMedian(posteriors.subarray(i * K, (i + 1) * K)),
  );
}

const f3 = (x: number): string => x.toFixed(3);

/** Items rated by at least `min` raters, as a smaller table. */
function keepRated(table: RatingTable, min: number): RatingTable {
  const R = table.numRaters;
  const rows: number[] = [];
  for (let i = 0; i < ratingTableItems(table); i++) {
    const row = table.ratings.subarray(i * R, (i + 1) * R);
    if (row.filter((l) => l >= 0).length >= min) rows.push(...row);
  }
  return { ...table, ratings: Int32Array.from(rows) };
}

/**
 * Each expert against the aggregate of the others: expert r's ratings are hidden, the others
 * aggregated, and r's rating compared with it on the items where at least 2 others rated.
 */
function leaveOneOut(
  table: RatingTable,
  aggregate: Aggregator,
): { mae: number; kappa: number; n: number } {
  const R = table.numRaters;
  const held: number[] = [];
  const agg: number[] = [];
  for (let r = 0; r < R; r++) {
    const hidden = table.ratings.slice();
    for (let v = r; v < hidden.length; v += R) hidden[v] = -1;
    const others = aggregate({ ...table, ratings: hidden });
    for (let i = 0; i < others.length; i++) {
      const own = table.ratings[i * R + r] as number;
      let n = 0;
      for (let s = 0; s < R; s++) if (s !== r && (table.ratings[i * R + s] as number) >= 0) n++;
      if (own < 0 || n < 2) continue;
      held.push(own);
      agg.push(others[i] as number);
    }
  }
  const a = Int32Array.from(held);
  const b = Int32Array.from(agg);
  return {
    mae: ratingErrors(a, b).mae,
    kappa: ratingKappa(a, b, { numLevels: table.numLevels }),
    n: a.length,
  };
}

function convAbuse(): void {
  const data = loadConvAbuse();
  if (typeof data === 'string') {
    console.log(`ConvAbuse: skipped — ${data} (the ConvAbuse data set is missing)`);
    return;
  }
  const table = keepRated(data.table, 2);
  const K = table.numLevels;
  const items = ratingTableItems(table);
  const ratings = table.ratings.filter((l) => l >= 0).length;
  console.log(`\n### ConvAbuse: ${items} examples rated by ≥ 2 of 8 experts, ${ratings} ratings\n`);
  console.log(
    `repeats: ${data.repeated} (example, expert) pairs rated more than once, first rating kept; all repeats agree in ${data.repeatsAgree} (${((100 * data.repeatsAgree) / data.repeated).toFixed(1)}%)\n`,
  );
  console.log('| Krippendorff α among the experts | value |');
  console.log('| --- | --- |');
  console.log(`| ordinal | ${f3(ratingAlpha(table))} |`);
  console.log(
    `| interval (levels 0..4 equally spaced) | ${f3(ratingAlpha(table, { level: 'interval' }))} |`,
  );
  console.log(`| nominal (for reference) | ${f3(ratingAlpha(table, { level: 'nominal' }))} |`);

  const started = performance.now();
  const outputs = AGGREGATORS.map(([name, run]) => [name, run(table)] as const);
  const ms = performance.now() - started;
  console.log(
    `\nlevels 0..4 = not abusive, ambiguous, mildly, strongly, very strongly abusive (all four aggregates: ${ms.toFixed(0)} ms)\n`,
  );
  console.log('| aggregate | items per level 0 / 1 / 2 / 3 / 4 |');
  console.log('| --- | --- |');
  for (const [name, labels] of outputs) {
    const counts = new Array<number>(K).fill(0);
    for (const l of labels) counts[l]! += 1;
    console.log(`| ${name} | ${counts.join(' / ')} |`);
  }
  console.log(
    '\nThe split files carry no aggregate label: the aggregates are compared with one another.\n',
  );
  console.log('| aggregate A | aggregate B | MAE (levels) | quadratic κ | items that differ |');
  console.log('| --- | --- | --- | --- | --- |');
  for (let a = 0; a < outputs.length; a++) {
    for (let b = a + 1; b < outputs.length; b++) {
      const [na, la] = outputs[a] as (typeof outputs)[number];
      const [nb, lb] = outputs[b] as (typeof outputs)[number];
      const differ = la.filter((l, i) => l !== lb[i]).length;
      console.log(
        `| ${na} | ${nb} | ${f3(ratingErrors(la, lb).mae)} | ${f3(ratingKappa(la, lb, { numLevels: K }))} | ${differ} |`,
      );
    }
  }
  console.log(
    '\nEach expert against the aggregate of the other experts (items with ≥ 2 others):\n',
  );
  console.log('| aggregate of the others | pairs | MAE (levels) | quadratic κ |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, run] of AGGREGATORS) {
    const loo = leaveOneOut(table, run);
    console.log(`| ${name} | ${loo.n} | ${f3(loo.mae)} | ${f3(loo.kappa)} |`);
  }
}

function emoBank(): void {
  const rows: string[] = [];
  for (const perspective of ['reader', 'writer'] as const) {
    const data = loadEmoBank(perspective);
    if (typeof data === 'string') {
      console.log(`EmoBank: skipped — ${data} (the EmoBank data set is missing)`);
      return;
    }
    for (const d of DIMENSIONS) {
      const table = data.tables[d];
      const gold = data.gold[d];
      const R = table.numRaters;
      const values = Float64Array.of(1, 2, 3, 4, 5);
      const alpha = ratingAlpha(table, { level: 'interval', values });
      const low = Float64Array.from(medianRatings(table), (l) => l + 1);
      const high = Float64Array.from(medianRatings(table, { ties: 'high' }), (l) => l + 1);
      const mean = Float64Array.from(gold, (_, i) => {
        const row = table.ratings.subarray(i * R, (i + 1) * R).filter((l) => l >= 0);
        return row.reduce((s, l) => s + l + 1, 0) / row.length;
      });
      const withGold = gold.filter((g) => !Number.isNaN(g)).length;
      let worst = 0;
      gold.forEach((g, i) => {
        if (!Number.isNaN(g)) worst = Math.max(worst, Math.abs(g - (mean[i] as number)));
      });
      rows.push(
        `| ${perspective} | ${d} | ${withGold} | ${f3(alpha)} | ${f3(ratingErrors(low, gold).mae)} | ${f3(ratingErrors(high, gold).mae)} | ${worst.toFixed(3)} |`,
      );
    }
    console.log(`EmoBank ${perspective}: ${data.dropped} rating rows with V = A = D = 1 dropped`);
  }
  console.log(
    '\n### EmoBank: raters per dimension, and the median of raters against the gold means\n',
  );
  console.log(
    '| perspective | dimension | items with gold | α (interval, 1..5) | MAE median (lower) vs gold | MAE median (higher) vs gold | largest \\|mean of raters − gold\\| |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

convAbuse();
emoBank();
