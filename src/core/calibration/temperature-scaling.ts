import { checkCalibrationData, type CalibrationData, type Calibrator } from './calibrator.js';

const LOG_FLOOR = Math.log(1e-12);
const BETA_MIN = 0.01;
const BETA_MAX = 100;

/** Per-row log-probabilities (used as logits), floored so zeros stay finite. */
function logits(probabilities: Float64Array): Float64Array {
  const z = new Float64Array(probabilities.length);
  for (let i = 0; i < z.length; i++) {
    const p = probabilities[i] as number;
    z[i] = p > 0 ? Math.max(LOG_FLOOR, Math.log(p)) : LOG_FLOOR;
  }
  return z;
}

/** softmax(beta · z) for every row, written into `out`. */
function scaledSoftmax(z: Float64Array, K: number, beta: number, out: Float64Array): void {
  const n = Math.floor(z.length / K);
  for (let i = 0; i < n; i++) {
    const row = i * K;
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, beta * (z[row + k] as number));
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(beta * (z[row + k] as number) - max);
      out[row + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) out[row + k] = (out[row + k] as number) / sum;
  }
}

/**
 * A temperature-scaling calibrator: softmax(log p / T). T > 1 softens, T < 1 sharpens.
 * @example temperatureCalibrator(2, 3).apply(probs)
 * Complexity: O(nK) per apply.
 */
export function temperatureCalibrator(temperature: number, K: number): Calibrator {
  return {
    method: 'temperature',
    params: { method: 'temperature', K, temperature },
    apply(probabilities) {
      const out = new Float64Array(probabilities.length);
      scaledSoftmax(logits(probabilities), K, 1 / temperature, out);
      return out;
    },
  };
}

/**
 * Fits the temperature T that minimises the negative log-likelihood of the gold labels.
 * The search runs on β = 1/T, where the NLL is convex (log-sum-exp of a linear function of β
 * minus a linear term), so a Newton step guarded by a bisection bracket on the derivative
 * always finds the global minimum. β is kept in [0.01, 100]: with perfectly separated gold the
 * NLL keeps falling as T → 0, and the bound stops it at a large but finite sharpening.
 * @example fitTemperatureScaling({ probabilities, labels, K: 3 }).params // { method: 'temperature', K: 3, temperature: 1.8 }
 * Complexity: O(nK) per iteration, about 10–30 iterations.
 */
export function fitTemperatureScaling(data: CalibrationData): Calibrator {
  const { K, labels } = data;
  const n = checkCalibrationData(data);
  const z = logits(data.probabilities);
  if (n === 0) return temperatureCalibrator(1, K);
  const p = new Float64Array(z.length);
  // First and second derivatives of the mean NLL in β: E_p[z] − z_y and Var_p[z].
  const derivatives = (beta: number): [number, number] => {
    scaledSoftmax(z, K, beta, p);
    let d1 = 0;
    let d2 = 0;
    for (let i = 0; i < n; i++) {
      const row = i * K;
      let mean = 0;
      let second = 0;
      for (let k = 0; k < K; k++) {
        const zk = z[row + k] as number;
        const pk = p[row + k] as number;
        mean += pk * zk;
        second += pk * zk * zk;
      }
      d1 += mean - (z[row + (labels[i] as number)] as number);
      d2 += Math.max(0, second - mean * mean);
    }
    return [d1 / n, d2 / n];
  };
  let lo = BETA_MIN;
  let hi = BETA_MAX;
  if (derivatives(lo)[0] >= 0) return temperatureCalibrator(1 / lo, K);
  if (derivatives(hi)[0] <= 0) return temperatureCalibrator(1 / hi, K);
  let beta = 1;
  for (let iter = 0; iter < 100; iter++) {
    const [d1, d2] = derivatives(beta);
    if (d1 > 0) hi = beta;
    else lo = beta;
    let next = d2 > 0 ? beta - d1 / d2 : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - beta) < 1e-10 * beta || hi - lo < 1e-12) {
      beta = next;
      break;
    }
    beta = next;
  }
  return temperatureCalibrator(1 / beta, K);
}
