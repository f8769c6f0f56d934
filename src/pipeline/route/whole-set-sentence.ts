import { count, percent } from '../../core/format/format-number.js';
import type { WholeSetRouteFigures } from '../../core/runs/run-records.js';

/**
 * The whole-data-set promise in words, with what it rests on: the checks (how they were drawn,
 * how they were used) and people's error.
 * @example wholeSetSentence(figures) // "The final data set of 2,299 items has at most 5% wrong labels, with 95% confidence: …"
 * Complexity: O(1).
 */
export function wholeSetSentence(f: WholeSetRouteFigures): string {
  const epsilon = percent(f.maxError, f.maxError * 100 >= 1 ? 0 : 1);
  const confidence = percent(1 - f.alpha, 0);
  const drawn =
    f.design === 'uniform'
      ? 'drawn uniformly from the pool'
      : 'drawn from the pool by stratum (weighted)';
  const use =
    f.fittedChecks > 0
      ? `${count(f.fittedChecks)} of them fitted the order in which items are accepted, the other ${count(f.boundChecks)} carry ${f.boundKind === 'exact' ? 'an exact bound' : 'a weighted betting bound'}`
      : `all of them carry ${f.boundKind === 'exact' ? 'an exact bound' : 'a weighted betting bound'}`;
  const rests = `This rests on ${count(f.checks)} expert checks ${drawn} (${use}) and ${f.peopleError === 0 ? 'people taken to be always right' : `people's error of ≤${percent(f.peopleError)}`} (${f.peopleErrorFrom}).`;
  if (!f.kept)
    return (
      `No choice keeps the final data set of ${count(f.items)} items at ≤${epsilon} wrong labels with ${confidence} confidence: ` +
      `people's error alone may reach ${percent(f.peopleError)}, so every item stays with people and nothing is promised. ${rests}`
    );
  const split =
    f.spared > 0
      ? `the machine's label is kept on ${count(f.spared)} items (${percent(f.spared / f.items)}), ${count(f.checks)} keep their experts' labels and ${count(f.toPeople)} go to people`
      : `no machine label could be kept, so ${count(f.checks)} items keep their experts' labels and ${count(f.toPeople)} go to people`;
  return (
    `The final data set of ${count(f.items)} items has at most ${epsilon} wrong labels, with ${confidence} confidence ` +
    `(estimated ${percent(f.estimate)}, bound ${percent(f.bound)}): ${split}. ${rests}`
  );
}
