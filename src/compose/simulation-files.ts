import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../core/project.js';
import { openRecordSource } from '../files/open-record-source.js';
import {
  readCrowdFit,
  readSimulationData,
  type SimulatedCrowd,
  type SimulationData,
  type SimulationDataOptions,
} from '../pipeline/simulate/index.js';

/**
 * A labelled data set for a simulation, from JSONL, CSV/TSV or Parquet: texts, labels and the
 * numeric columns asked for.
 * @example const data = await readSimulationFile('bank.csv', { textFields: ['text'], labelField: 'category' })
 */
export async function readSimulationFile(
  file: string,
  options: SimulationDataOptions,
): Promise<SimulationData> {
  return readSimulationData(await openRecordSource(file), options);
}

/**
 * Simulated people fitted by Dawid-Skene on real answers in a file (worker, task, label).
 * @example const crowd = await readCrowdFile('answers.csv')
 */
export async function readCrowdFile(
  file: string,
): Promise<(labelSet: readonly string[]) => SimulatedCrowd> {
  return readCrowdFit(await openRecordSource(file));
}

/**
 * The local model's settings as a new hilo.yaml has them, for simulations without a project.
 * @example const config = { ...defaultLocalLabellerConfig(), epochs: 10 }
 */
export function defaultLocalLabellerConfig(): LocalLabellerConfig {
  return { ...PROJECT_DEFAULTS.labeller.local };
}
