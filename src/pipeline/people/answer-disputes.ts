import type { Calibrator } from '../../core/calibration/calibrator.js';
import { percent } from '../../core/format/format-number.js';
import { bestWithinK, withinK } from '../../core/ordinal/index.js';
import type { MachineCheckSettings } from '../../core/project.js';
import type { Vote } from '../../core/types.js';
import type { CrowdSnapshot } from './crowd-snapshot.js';
import { itemPosterior } from './item-posterior.js';

/**
 * The checks' settings, with the ±k of a rating measured within ±k: a person's level is then
 * disputed or outvoted only when the other side puts its weight more than k levels away.
 */
export type DisputeSettings = MachineCheckSettings & { readonly withinK?: number };

/** The machine labeller whose calibrated opinion checks people's answers. */
export interface MachineOpinion {
  readonly source: string;
  readonly vote: Vote;
  readonly calibrator: Calibrator;
}

/**
 * Why the calibrated machine disputes a person's label, or null: its calibrated probability of
 * that label is below `disputeBelow` while its own top label has at least `disputeConfidence`
 * (for a rating measured within ±k: the mass within ±k of the person's level, against the
 * machine's best ±k window).
 * Off when `disputeBelow` is 0.
 * @example modelDispute(machine, 'ham', ['ham', 'spam'], settings) // 'model disputes: … gives "ham" 1.2%, "spam" 97%'
 * Complexity: O(K) plus the calibrator's map of one row.
 */
export function modelDispute(
  machine: MachineOpinion,
  label: string,
  labels: readonly string[],
  settings: DisputeSettings,
): string | null {
  const given = labels.indexOf(label);
  const distribution = machine.vote.probabilities;
  if (settings.disputeBelow <= 0 || given < 0 || distribution === null) return null;
  const raw = Float64Array.from(labels, (name) => {
    const p = distribution[name];
    return typeof p === 'number' && Number.isFinite(p) && p > 0 ? p : 0;
  });
  if (raw.every((p) => p === 0)) return null;
  const calibrated = machine.calibrator.apply(raw);
  const k = settings.withinK ?? 0;
  if (k > 0) {
    const mine = withinK(calibrated, given, k);
    const best = bestWithinK(calibrated, k);
    if (mine >= settings.disputeBelow || best.probability < settings.disputeConfidence) return null;
    return `model disputes: ${machine.source} gives "${label}" ±${k} ${percent(mine, 1)}, "${labels[best.rating] ?? ''}" ±${k} ${percent(best.probability, 0)}`;
  }
  let top = 0;
  for (let k = 1; k < labels.length; k++)
    if ((calibrated[k] as number) > (calibrated[top] as number)) top = k;
  const mine = calibrated[given] as number;
  const best = calibrated[top] as number;
  if (top === given || mine >= settings.disputeBelow || best < settings.disputeConfidence)
    return null;
  return `model disputes: ${machine.source} gives "${label}" ${percent(mine, 1)}, "${labels[top] ?? ''}" ${percent(best, 0)}`;
}

/** A person whose answer goes against the others on the item, and why. */
export interface Outvoted {
  readonly source: string;
  readonly reason: string;
}

/**
 * The people whose answer disagrees with a confident majority of the others: for each person's
 * newest answer, the item's posterior from the other people's answers (through the crowd's
 * confusion matrices; `ignored` sources, discounted people, count for nothing) puts at least
 * `majorityAbove` on another label (for a rating measured within ±k, more than k levels from
 * the person's), with at least `majorityOthers` others. Off when `majorityAbove` is 0.
 * @example outvotedAnswers(crowd, votes, new Set(), settings) // [{ source: 'human:7', reason: 'disagrees with majority: …' }]
 * Complexity: O(p² × K) for p people's answers.
 */
export function outvotedAnswers(
  crowd: CrowdSnapshot,
  votes: readonly Vote[],
  ignored: ReadonlySet<string>,
  settings: DisputeSettings,
): Outvoted[] {
  if (settings.majorityAbove <= 0) return [];
  const people = newestPeopleAnswers(votes);
  const out: Outvoted[] = [];
  for (const vote of people) {
    const others = people.filter((v) => v.source !== vote.source && !ignored.has(v.source));
    if (others.length < Math.max(1, settings.majorityOthers)) continue;
    const posterior = itemPosterior(crowd, others, ignored);
    const k = settings.withinK ?? 0;
    const given = crowd.labelIndex.get(vote.label ?? '');
    if (k > 0 && given !== undefined) {
      const away =
        1 -
        withinK(
          Float64Array.from(crowd.labels, (l) => posterior[l] ?? 0),
          given,
          k,
        );
      if (away >= settings.majorityAbove) {
        out.push({
          source: vote.source,
          reason: `disagrees with majority: ${others.length} others make it more than ${k} level${k === 1 ? '' : 's'} from "${vote.label ?? ''}" at ${percent(away, 1)}`,
        });
      }
      continue;
    }
    let top: string | null = null;
    let best = -1;
    for (const [label, p] of Object.entries(posterior)) {
      if (p > best) [top, best] = [label, p];
    }
    if (top === null || top === vote.label || best < settings.majorityAbove) continue;
    out.push({
      source: vote.source,
      reason: `disagrees with majority: ${others.length} others make it "${top}" at ${percent(best, 1)}, not "${vote.label ?? ''}"`,
    });
  }
  return out;
}

/**
 * Each person's newest answer on an item (a reviewer's settling vote is not an answer): what the
 * majority checks compare.
 * @example newestPeopleAnswers(votes).map((v) => v.source) // ['human:1', 'human:7']
 * Complexity: O(votes).
 */
export function newestPeopleAnswers(votes: readonly Vote[]): Vote[] {
  const newest = new Map<string, Vote>();
  for (const vote of votes) {
    if (!vote.source.startsWith('human:') || vote.label === null) continue;
    if (vote.rationale === 'review') continue;
    const seen = newest.get(vote.source);
    if (seen === undefined || seen.id < vote.id) newest.set(vote.source, vote);
  }
  return [...newest.values()];
}
