/**
 * How the defaults of the recommended method were chosen: Dawid-Skene accuracy over a grid
 * of smoothing (s), shrinkage toward the pooled confusion matrix (m) and prior smoothing (p)
 * on the 11 real crowd sets, with the simulated sim_small as a held-out check. Prints markdown.
 *
 *   npx tsx bench/aggregate/tune-dawid-skene.ts
 */
import { buildVoteMatrix, dawidSkene } from '../../src/core/aggregation/index.js';
import { loadRealCrowdSets, loadSimulatedCrowd, sharedRoot } from './crowd-sets.js';

function main(): void {
  const root = sharedRoot();
  if (!root) {
    console.log(
      '../shared is missing (no datasets): nothing to measure. Set HILO_SHARED to its path.',
    );
    return;
  }
  const sets = [...loadRealCrowdSets(root), loadSimulatedCrowd(root, 'sim_small')].map((set) => ({
    set,
    built: buildVoteMatrix(set.votes, set.labels ? { labels: set.labels } : {}),
  }));
  const names = sets.map(({ set }) => set.name.split('/').pop() as string);
  console.log(`| s | m | p | ${names.join(' | ')} | mean of the 11 real sets |`);
  console.log(`|${' --- |'.repeat(names.length + 4)}`);
  for (const smoothing of [0.01, 0.1, 1]) {
    for (const shrinkage of [0, 1, 2, 4, 8, 16]) {
      for (const priorSmoothing of [0, 1]) {
        const scores = sets.map(({ set, built }) => {
          const { labels } = dawidSkene(built.matrix, { smoothing, shrinkage, priorSmoothing });
          let right = 0;
          let total = 0;
          for (const [item, truth] of set.gold) {
            const i = built.itemIndex.get(item);
            if (i === undefined) continue;
            total++;
            if (built.labels[labels[i] as number] === truth) right++;
          }
          return right / total;
        });
        const mean = scores.slice(0, -1).reduce((s, x) => s + x, 0) / (scores.length - 1);
        const cells = scores.map((x) => x.toFixed(3)).join(' | ');
        console.log(
          `| ${smoothing} | ${shrinkage} | ${priorSmoothing} | ${cells} | ${mean.toFixed(4)} |`,
        );
      }
    }
  }
}

main();
