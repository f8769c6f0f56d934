import { HiloError } from '../core/errors.js';
import { percent, usd } from '../core/format/format-number.js';
import type { AlSimulationResult } from '../pipeline/simulate/index.js';
import type { AnnotatorSpec } from '../pipeline/simulate/index.js';
import type { HybridSimulationResult } from '../pipeline/simulate/index.js';
import type { RelabelSimulationResult } from '../pipeline/simulate/index.js';

/** The learning curves in a few lines: end point, labels to the target, saving, stop. */
export function formatAl(file: string, r: AlSimulationResult): string {
  const target = `${percent(r.targetShare, 0)} of full-data accuracy`;
  const lines = [
    `${file}: ${r.items} items, ${r.classes} labels; pool ${r.pool}, held out ${r.test}; ` +
      `full-data accuracy ${percent(r.fullDataAccuracy)}${r.repeats > 1 ? ` (mean of ${r.repeats} repeats)` : ''}`,
  ];
  for (const [name, s] of Object.entries(r.strategies)) {
    const last = s.rounds[s.rounds.length - 1];
    const saving =
      s.savingVsRandom === null
        ? ''
        : ` (${percent(Math.abs(s.savingVsRandom))} ${s.savingVsRandom >= 0 ? 'fewer' : 'more'} than random)`;
    const reach =
      s.labelsToReach99 === null
        ? `${target} not reached`
        : `${target} at ${s.labelsToReach99} labels${saving}`;
    lines.push(
      `  ${name.padEnd(16)} ${last ? `${percent(last.accuracy)} after ${last.labels} labels` : ''}; ${reach}` +
        (s.stoppedAt === null ? '' : `; predictions stable at ${s.stoppedAt}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The relabelling sweep as a table. */
export function formatRelabel(file: string, r: RelabelSimulationResult): string {
  const lines = [
    `${file}: ${r.items} items, ${r.classes} labels; ${r.train} training items, ${r.test} held out`,
    `  ${percent(r.noiseRate)} of training labels corrupted; held-out accuracy: clean labels ${percent(r.cleanAccuracy)}, noisy ${percent(r.noisyAccuracy)}`,
    '  sent back   by model confidence: found / label acc. / held-out   at random: found / label acc. / held-out',
  ];
  for (const p of r.sweep) {
    const c = p.byConfidence;
    const x = p.random;
    lines.push(
      `  ${percent(p.share).padStart(6)} ${String(p.relabelled).padStart(5)}   ${String(c.errorsFound).padStart(6)} / ${percent(c.labelAccuracy).padStart(6)} / ${percent(c.testAccuracy).padStart(6)}` +
        `          ${String(x.errorsFound).padStart(6)} / ${percent(x.labelAccuracy).padStart(6)} / ${percent(x.testAccuracy).padStart(6)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The hybrid plan against all-human and all-machine. */
export function formatHybrid(file: string, r: HybridSimulationResult): string {
  const arm = (name: string, a: HybridSimulationResult['hybrid']) =>
    `  ${name.padEnd(12)} accuracy ${percent(a.accuracy.estimate)} [${percent(a.accuracy.lower)}, ${percent(a.accuracy.upper)}]   cost ${usd(a.cost)} (${usd(a.costPerItem)} per item)`;
  return (
    [
      `${file}: ${r.pool} pool items, ${r.gold} gold, ${r.classes} labels; people: ${r.crowd}`,
      `  policy: accept ≥ ${r.policy.accept}, people only < ${r.policy.humanBelow}; zones ${r.zones.accept} accept / ${r.zones.overlap} overlap / ${r.zones.human} human` +
        ` (accuracy ${percent(r.zoneAccuracy.accept)} / ${percent(r.zoneAccuracy.overlap)} / ${percent(r.zoneAccuracy.human)});` +
        ` ${r.overlapPeoplePerItem.toFixed(2)} people per overlap item`,
      arm('hybrid', r.hybrid),
      arm('all human', r.allHuman),
      arm('all machine', r.allMachine),
      `  saving against all-human: ${percent(r.savingVsHuman)}`,
    ].join('\n') + '\n'
  );
}

/**
 * Parametric annotators from a comma list: `0.9` (accuracy), `spam` (uniform spammer),
 * `0.8@LABEL:0.5` (accuracy 0.8, half of the mistakes go to LABEL).
 * @example parseAnnotators('0.9,0.85,spam', labelSet)
 */
export function parseAnnotators(text: string, labelSet: readonly string[]): AnnotatorSpec[] {
  return text.split(',').map((raw) => {
    const spec = raw.trim();
    if (spec === 'spam') return { accuracy: 0, spammer: true };
    const match = /^([0-9.]+)(?:@(.+):([0-9.]+))?$/.exec(spec);
    const accuracy = Number(match?.[1]);
    if (!match || !(accuracy >= 0 && accuracy <= 1)) {
      throw new HiloError(
        'INVALID_INPUT',
        `--annotators: "${spec}" is not an accuracy in [0, 1], "spam" or ACCURACY@LABEL:SHARE`,
      );
    }
    if (match[2] === undefined) return { accuracy };
    const biasTo = labelSet.indexOf(match[2]);
    if (biasTo < 0)
      throw new HiloError(
        'INVALID_INPUT',
        `--annotators: "${match[2]}" is not a label of the data`,
      );
    return { accuracy, biasTo, bias: Number(match[3]) };
  });
}
