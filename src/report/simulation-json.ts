import { HiloError } from '../core/errors.js';
import type { SimulationView } from './simulation-view.js';

/**
 * A saved `hilo simulate … --json` result as a report section's view: the kind is told by the
 * result's shape (`strategies` for active learning, `sweep` for relabelling, `allHuman` for the
 * hybrid loop).
 * @example simulationViewOf(JSON.parse(text), 'al.json')
 * Complexity: O(1) checks on the top-level fields.
 * @throws HiloError INVALID_INPUT naming the file and the missing field when the shape is none of them.
 */
export function simulationViewOf(json: unknown, file: string): SimulationView {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(file, 'the file does not hold a JSON object');
  }
  const o = json as Record<string, unknown>;
  const title = typeof o['data'] === 'string' ? o['data'] : file;
  if ('strategies' in o) {
    need(o, file, ['fullDataAccuracy', 'targetShare', 'pool', 'test', 'classes'], 'number');
    if (typeof o['strategies'] !== 'object' || o['strategies'] === null) {
      throw invalid(file, 'field "strategies" must be an object of strategy results');
    }
    return { kind: 'al', title, result: json as never };
  }
  if ('sweep' in o) {
    need(o, file, ['noiseRate', 'cleanAccuracy', 'noisyAccuracy', 'train', 'test'], 'number');
    if (!Array.isArray(o['sweep'])) throw invalid(file, 'field "sweep" must be an array');
    return { kind: 'relabel', title, result: json as never };
  }
  if ('allHuman' in o) {
    need(o, file, ['pool', 'gold', 'savingVsHuman'], 'number');
    need(o, file, ['hybrid', 'allHuman', 'allMachine', 'zones', 'policy'], 'object');
    return { kind: 'hybrid', title, result: json as never };
  }
  throw invalid(
    file,
    'not a simulation result: expected the JSON of `hilo simulate al`, `relabel` or `hybrid` (with "strategies", "sweep" or "allHuman")',
  );
}

function need(
  o: Record<string, unknown>,
  file: string,
  fields: readonly string[],
  type: 'number' | 'object',
): void {
  for (const field of fields) {
    const value = o[field];
    if (typeof value !== type || value === null) {
      throw new HiloError('INVALID_INPUT', `field "${field}" must be a ${type}`, {
        file,
        field,
      });
    }
  }
}

function invalid(file: string, message: string): HiloError {
  return new HiloError('INVALID_INPUT', message, { file });
}
