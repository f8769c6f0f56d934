import { HiloError } from '../errors.js';
import { CALIBRATION_METHODS, type CalibrationMethod, type Calibrator } from './calibrator.js';
import { identityCalibrator } from './fit-calibrator.js';
import { histogramCalibrator } from './histogram-binning.js';
import { isotonicCalibrator } from './isotonic-regression.js';
import { plattCalibrator } from './platt-scaling.js';
import { temperatureCalibrator } from './temperature-scaling.js';

function invalid(message: string): HiloError {
  return new HiloError('INVALID_INPUT', `stored calibrator: ${message}`, { field: 'params' });
}

function finite(record: Record<string, unknown>, key: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(`"${key}" must be a finite number`);
  return value;
}

function numbers(record: Record<string, unknown>, key: string, ascending: boolean): number[] {
  const value = record[key];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw invalid(`"${key}" must be an array of finite numbers`);
  }
  const list = value as number[];
  if (ascending && list.some((v, i) => i > 0 && v <= (list[i - 1] as number))) {
    throw invalid(`"${key}" must be strictly increasing`);
  }
  return list;
}

/**
 * Rebuilds a calibrator from its stored parameters (a `Calibrator.params` value or its JSON
 * text), checking every field, since stored data is read back from outside the core.
 * @example restoreCalibrator('{"method":"platt","K":3,"a":1.1,"b":0.2}').apply(probs)
 * Complexity: O(m) for m knots or bins.
 */
export function restoreCalibrator(json: unknown): Calibrator {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (cause) {
      throw new HiloError(
        'INVALID_INPUT',
        'stored calibrator is not valid JSON',
        { field: 'params' },
        { cause },
      );
    }
  }
  if (typeof value !== 'object' || value === null) throw invalid('expected an object');
  const record = value as Record<string, unknown>;
  const method = record.method;
  if (typeof method !== 'string' || !CALIBRATION_METHODS.includes(method as CalibrationMethod)) {
    throw invalid(`unknown method ${JSON.stringify(method)}`);
  }
  const K = finite(record, 'K');
  if (!Number.isInteger(K) || K < 1) throw invalid('"K" must be a positive integer');
  switch (method as CalibrationMethod) {
    case 'none':
      return identityCalibrator(K);
    case 'temperature': {
      const temperature = finite(record, 'temperature');
      if (temperature <= 0) throw invalid('"temperature" must be positive');
      return temperatureCalibrator(temperature, K);
    }
    case 'platt':
      return plattCalibrator(finite(record, 'a'), finite(record, 'b'), K);
    case 'isotonic': {
      const x = numbers(record, 'x', true);
      const y = numbers(record, 'y', false);
      if (x.length === 0 || x.length !== y.length)
        throw invalid('"x" and "y" must be non-empty and of equal length');
      return isotonicCalibrator(x, y, K);
    }
    case 'histogram': {
      const edges = numbers(record, 'edges', true);
      const values = numbers(record, 'values', false);
      if (values.length !== edges.length + 1)
        throw invalid('"values" must have one more entry than "edges"');
      return histogramCalibrator(edges, values, K);
    }
  }
}
