import { checkCalibrationData, type CalibrationData, type Calibrator } from './calibrator.js';
import { rescaleTopLabel, topLabelOutcomes } from './top-label.js';

const EDGE = 1e-12;

function logit(p: number): number {
  const q = Math.min(1 - EDGE, Math.max(EDGE, p));
  return Math.log(q / (1 - q));
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * A Platt calibrator: the top-label probability c becomes sigmoid(a · logit(c) + b); the other
 * labels are rescaled proportionally (`rescaleTopLabel`).
 * @example plattCalibrator(1.2, -0.3, 4).apply(probs)
 * Complexity: O(nK) per apply.
 */
export function plattCalibrator(a: number, b: number, K: number): Calibrator {
  return {
    method: 'platt',
    params: { method: 'platt', K, a, b },
    apply: (probabilities) => rescaleTopLabel(probabilities, K, (c) => sigmoid(a * logit(c) + b)),
  };
}

/**
 * Fits Platt scaling on the top-label confidence: a logistic regression of "the machine is
 * right" on logit(confidence). Targets are smoothed as Platt (1999) proposed,
 * (N₊ + 1)/(N₊ + 2) for right and 1/(N₋ + 2) for wrong, so a small gold set cannot drive the
 * map to 0 or 1. Newton's method with a backtracking line search (Lin, Lin & Weng, 2007).
 * @example fitPlattScaling({ probabilities, labels, K: 3 }).params // { method: 'platt', K: 3, a: 0.9, b: 0.4 }
 * Complexity: O(nK) to read the confidences, then O(n) per Newton iteration (usually < 20).
 */
export function fitPlattScaling(data: CalibrationData): Calibrator {
  const n = checkCalibrationData(data);
  const { confidence, correct } = topLabelOutcomes(data.probabilities, data.labels, data.K);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += correct[i] as number;
  const negatives = n - positives;
  const hiTarget = (positives + 1) / (positives + 2);
  const loTarget = 1 / (negatives + 2);
  const f = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    f[i] = logit(confidence[i] as number);
    t[i] = correct[i] === 1 ? hiTarget : loTarget;
  }
  const loss = (a: number, b: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = a * (f[i] as number) + b;
      const ti = t[i] as number;
      sum += ti * softplus(-z) + (1 - ti) * softplus(z);
    }
    return sum;
  };
  let a = 0;
  let b = Math.log((positives + 1) / (negatives + 1));
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const fi = f[i] as number;
      const p = sigmoid(a * fi + b);
      const r = p - (t[i] as number);
      const w = p * (1 - p);
      ga += r * fi;
      gb += r;
      haa += w * fi * fi;
      hab += w * fi;
      hbb += w;
    }
    if (Math.abs(ga) < 1e-9 * (n + 1) && Math.abs(gb) < 1e-9 * (n + 1)) break;
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    const slope = ga * da + gb * db;
    let step = 1;
    let accepted = false;
    while (step > 1e-10) {
      const next = loss(a + step * da, b + step * db);
      if (next <= current + 1e-4 * step * slope) {
        a += step * da;
        b += step * db;
        current = next;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) break;
  }
  return plattCalibrator(a, b, data.K);
}
