import { percent } from '../../core/format/format-number.js';
import type { MachineCheckSettings } from '../../core/project.js';
import { labelSetIndices } from '../../core/task-kind/index.js';
import type { Vote } from '../../core/types.js';
import { newestPeopleAnswers, type MachineOpinion, type Outvoted } from './answer-disputes.js';
import { labelSetItemPosterior, yesRow, type LabelSetSnapshot } from './label-set-snapshot.js';

/**
 * The machine checks of a multi-label answer compare it label by label: each label is a yes/no
 * question, and the answer is disputed or outvoted on the first label where the other side is
 * confident enough.
 */

/**
 * Why the calibrated machine disputes a person's set, or null: on some label, its calibrated
 * probability of the person's decision (applies or not) is below `disputeBelow` while the
 * opposite has at least `disputeConfidence`. The machine's per-label probabilities go through a
 * calibrator fitted on yes/no questions (two classes); with any other calibrator, or none,
 * there is no dispute (raw confidence would flag too much). Off when `disputeBelow` is 0.
 * @example setModelDispute(machine, 'toxic', labels, settings) // 'model disputes: llm:m#1 gives "insult" 98% to apply, the answer leaves it out'
 * Complexity: O(L) plus the calibrator's map of L rows.
 */
export function setModelDispute(
  machine: MachineOpinion,
  answer: string,
  labels: readonly string[],
  settings: MachineCheckSettings,
): string | null {
  if (settings.disputeBelow <= 0 || machine.calibrator.params.K !== 2) return null;
  const raw = yesRow(machine.vote, labels);
  if (raw === null) return null;
  const rows = new Float64Array(labels.length * 2);
  raw.forEach((p, l) => rows.set([p, 1 - p], l * 2));
  const calibrated = machine.calibrator.apply(rows);
  const given = new Set(labelSetIndices(answer, labels));
  for (let l = 0; l < labels.length; l++) {
    const yes = calibrated[l * 2] as number;
    const mine = given.has(l) ? yes : 1 - yes;
    if (mine >= settings.disputeBelow || 1 - mine < settings.disputeConfidence) continue;
    const what = given.has(l) ? 'not to apply' : 'to apply';
    const answered = given.has(l) ? 'the answer has it' : 'the answer leaves it out';
    return `model disputes: ${machine.source} gives "${labels[l] ?? ''}" ${percent(1 - mine, 0)} ${what}, ${answered}`;
  }
  return null;
}

/**
 * The people whose set goes against a confident majority of the others on some label: the
 * item's P(applies) per label from the other people's answers (through the yes/no crowd's
 * rates; `ignored` sources count for nothing) puts at least `majorityAbove` on the opposite of
 * the person's decision, with at least `majorityOthers` others. Off when `majorityAbove` is 0.
 * @example outvotedSets(crowd, votes, new Set(), settings) // [{ source: 'human:7', reason: 'disagrees with majority: 2 others say "insult" applies at 97.0%' }]
 * Complexity: O(p² × L) for p people's answers.
 */
export function outvotedSets(
  crowd: LabelSetSnapshot,
  votes: readonly Vote[],
  ignored: ReadonlySet<string>,
  settings: MachineCheckSettings,
): Outvoted[] {
  if (settings.majorityAbove <= 0) return [];
  const people = newestPeopleAnswers(votes);
  const out: Outvoted[] = [];
  for (const vote of people) {
    const others = people.filter((v) => v.source !== vote.source && !ignored.has(v.source));
    if (others.length < Math.max(1, settings.majorityOthers)) continue;
    const mine = yesRow(vote, crowd.labels);
    if (mine === null) continue;
    const posterior = labelSetItemPosterior(crowd, others, ignored);
    for (let l = 0; l < crowd.labels.length; l++) {
      const applies = posterior[l] as number;
      const against = (mine[l] as number) >= 0.5 ? 1 - applies : applies;
      if (against < settings.majorityAbove) continue;
      const verdict = (mine[l] as number) >= 0.5 ? 'does not apply' : 'applies';
      out.push({
        source: vote.source,
        reason: `disagrees with majority: ${others.length} others say "${crowd.labels[l] ?? ''}" ${verdict} at ${percent(against, 1)}`,
      });
      break;
    }
  }
  return out;
}
