import { percent } from '../core/format/format-number.js';
import type { KindEvaluation } from '../core/metrics/kind-metrics.js';
import type { Evaluation } from '../pipeline/calibrate/index.js';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');

/**
 * The kind's own metrics as the lines `hilo eval` prints under its heading.
 * @example kindLines(ev.kind, ev) // ['  micro-F1 61.2%   macro-F1 40.3%   …', …]
 */
export function kindLines(kind: KindEvaluation, ev: Evaluation): string[] {
  switch (kind.kind) {
    case 'multilabel':
      return [
        `  micro-F1 ${percent(kind.microF1)}   macro-F1 ${percent(kind.macroF1)}   Hamming loss ${kind.hammingLoss.toFixed(4)}   subset accuracy ${percent(kind.subsetAccuracy)}`,
        ...(ev.measure === 'exact-set accuracy'
          ? []
          : [`  ${ev.measure} ${percent(ev.measureAccuracy)}`]),
        '  per label (F1, precision, recall, support):',
        ...kind.perLabel.map(
          (s) =>
            `    ${s.label}: F1 ${percent(s.f1)}, P ${percent(s.precision)}, R ${percent(s.recall)}, ${s.support}`,
        ),
      ];
    case 'rating':
      return [
        `  MAE ${f3(kind.mae)}   RMSE ${f3(kind.rmse)}   quadratic κ ${f3(kind.quadraticKappa)}   α ordinal ${f3(kind.alphaOrdinal)}   α interval ${f3(kind.alphaInterval)}`,
        `  accuracy exact ${percent(kind.exactAccuracy)}   within ±${kind.withinK} ${percent(kind.accuracyWithinK)}   macro-F1 ${percent(ev.metrics.macroF1)}`,
      ];
    case 'pairwise':
      return [
        `  accuracy ${percent(kind.accuracy)}   on non-tie verdicts ${Number.isFinite(kind.decisiveAccuracy) ? percent(kind.decisiveAccuracy) : '—'}   macro-F1 ${percent(ev.metrics.macroF1)}`,
        `  per verdict F1: ${kind.perVerdict.map((s) => `${s.label} ${percent(s.f1)} (${s.support})`).join(', ')}`,
        `  tie rate: trusted ${percent(kind.tieRate.truth)}, predicted ${percent(kind.tieRate.predicted)}`,
      ];
  }
}
