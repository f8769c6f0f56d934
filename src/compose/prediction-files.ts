import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HiloError } from '../core/errors.js';
import type { Clock, Progress, Store } from '../core/ports/index.js';
import type { ConfidenceMethod } from '../core/types.js';
import { PROJECT_DEFAULTS, type ProjectConfig } from '../core/project.js';
import type { TextEncoding } from '../files/input-limits.js';
import { openInputFile } from './open-input-file.js';
import type { TaskShape } from '../core/task-kind/index.js';
import {
  importPredictions,
  parseLabelMap,
  type ImportPredictionsReport,
  type PredictionColumns,
} from '../pipeline/predictions/index.js';

/** @example const options: ImportPredictionsFileOptions = { file: 'preds.csv', model: 'gpt-4o', labelMap: 'map.json' } */
export interface ImportPredictionsFileOptions {
  readonly file: string;
  /** The model's name: votes are stored as `import:<model>`. */
  readonly model: string;
  /** A JSON file, or JSON text, mapping the file's label names to the project's (null: outside). */
  readonly labelMap?: string;
  /** Every vote's method, instead of the one each row's shape implies. */
  readonly method?: ConfidenceMethod;
  readonly costPerItem?: number;
  readonly columns?: Partial<PredictionColumns>;
  /** The text encoding of a JSONL, CSV or TSV file; default UTF-8. */
  readonly encoding?: TextEncoding;
}

/**
 * Opens the predictions file and the label map (a file when one exists at that path, else JSON
 * text) and imports the predictions.
 * @example await importPredictionFile({ store, labels, clock }, { file: 'preds.jsonl', model: 'gpt-4o' })
 * Complexity: that of `importPredictions`.
 */
export async function importPredictionFile(
  deps: {
    readonly store: Store;
    readonly labels: readonly string[];
    /** The project's kind; default classify over `labels`. */
    readonly shape?: TaskShape;
    readonly clock: Clock;
    readonly progress?: Progress;
    /** Directory a relative label-map path is read from. */
    readonly cwd?: string;
    /** The project's caps on input files; default PROJECT_DEFAULTS.input. */
    readonly input?: ProjectConfig['input'];
  },
  options: ImportPredictionsFileOptions,
): Promise<ImportPredictionsReport> {
  let labelMap: Map<string, string | null> | undefined;
  if (options.labelMap !== undefined) {
    const { text, origin } = await labelMapText(options.labelMap, deps.cwd);
    labelMap = parseLabelMap(text, deps.labels, origin);
  }
  return importPredictions({
    store: deps.store,
    source: await openInputFile(
      options.file,
      { input: deps.input ?? PROJECT_DEFAULTS.input },
      options.encoding,
    ),
    model: options.model,
    labels: deps.labels,
    ...(deps.shape ? { shape: deps.shape } : {}),
    clock: deps.clock,
    ...(labelMap ? { labelMap } : {}),
    ...(options.method ? { method: options.method } : {}),
    ...(options.costPerItem !== undefined ? { costPerItem: options.costPerItem } : {}),
    ...(options.columns ? { columns: options.columns } : {}),
    ...(deps.progress ? { progress: deps.progress } : {}),
  });
}

async function labelMapText(
  value: string,
  cwd?: string,
): Promise<{ text: string; origin: string }> {
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) return { text: trimmed, origin: '--label-map' };
  const path = resolve(cwd ?? '.', value);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile())
    throw new HiloError(
      'INVALID_INPUT',
      `--label-map: no file ${path}, and not a JSON object either`,
    );
  return { text: await readFile(path, 'utf8'), origin: `--label-map ${path}` };
}
