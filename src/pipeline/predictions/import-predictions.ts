import type { LabelMapping } from '../../core/confidence/imported-distribution.js';
import { emptyFileError } from '../../core/empty-file-error.js';
import { HiloError } from '../../core/errors.js';
import type { Clock, Progress, RecordSource, Store } from '../../core/ports/index.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import type { ConfidenceMethod, Item, ItemRole } from '../../core/types.js';
import { isPredictionProblem, predictionFromRecord } from './prediction-from-record.js';
import type { Prediction, PredictionColumns, PredictionRules } from './prediction-types.js';
import { writePredictions, type WriteCounts } from './write-predictions.js';

export interface ImportPredictionsOptions {
  readonly store: Store;
  readonly source: RecordSource;
  /** The model's name; votes are stored with source `import:<model>`. */
  readonly model: string;
  readonly labels: readonly string[];
  /** The project's kind (default classify over `labels`): multi-label reads yes-probabilities. */
  readonly shape?: TaskShape;
  /** The file's names → the project's labels (null: outside the label set). */
  readonly labelMap?: ReadonlyMap<string, string | null>;
  /** Every vote's method, instead of the one its shape implies. */
  readonly method?: ConfidenceMethod;
  /** Price of one prediction, recorded on each vote written and on the run (default 0). */
  readonly costPerItem?: number;
  readonly columns?: Partial<PredictionColumns>;
  readonly clock: Clock;
  readonly progress?: Progress;
}

/** Mass the predictions put on options outside the label set. */
export interface OutsideMass {
  /** Rows with other mass above 0.1%. */
  readonly rows: number;
  /** Mean other mass over those rows. */
  readonly meanMass: number;
  /** The options that carried it, as the file names them (at most 10). */
  readonly options: readonly string[];
}

export interface ImportPredictionsReport extends WriteCounts {
  readonly itemsCreated: number;
  readonly file: string;
  readonly source: string;
  /** The run that records the import (its votes carry its id). */
  readonly runId: string;
  readonly read: number;
  /** Rows per method. */
  readonly methods: Readonly<Partial<Record<ConfidenceMethod, number>>>;
  /** Rows whose label is an option outside the label set: stored as abstentions. */
  readonly abstained: number;
  readonly outside: OutsideMass;
}

/** Column names when none are given. */
export const DEFAULT_PREDICTION_COLUMNS: PredictionColumns = {
  idField: 'id',
  labelField: 'label',
  confidenceField: 'confidence',
  probabilitiesField: 'probabilities',
  logprobsField: 'logprobs',
  probabilityPrefix: 'p_',
};

/** Share of mass below which a row is not counted as putting mass outside the label set. */
const OUTSIDE_NOTICE = 0.001;
const BATCH = 1000;

/**
 * Imports predictions made elsewhere as machine votes of `import:<model>` (see
 * `predictionFromRecord` for the shapes read). The whole file is checked before anything is
 * written: a bad row (no id, a label outside the set and not mapped, probabilities not summing
 * to 1, a negative or out-of-range number, an id twice) is INVALID_INPUT naming the file, line
 * and field, and nothing is stored. Then, in one transaction, missing items are created (role
 * pool, the other columns as fields), a label run of kind `import` is recorded, and per item the
 * newest vote of the source is kept when its content is the same, replaced when it changed
 * (see `writePredictions`).
 * @example await importPredictions({ store, source, model: 'gpt-4o', labels, clock })
 * Complexity: O(rows × labels); memory O(rows) (the file is held to check it whole).
 */
export async function importPredictions(
  options: ImportPredictionsOptions,
): Promise<ImportPredictionsReport> {
  const { store, source, clock, progress } = options;
  const file = source.path;
  if (options.model.trim() === '')
    throw new HiloError('INVALID_INPUT', '--model must name the model');
  const mapping: LabelMapping = { labels: options.labels, map: options.labelMap ?? new Map() };
  const rules: PredictionRules = {
    ...DEFAULT_PREDICTION_COLUMNS,
    ...options.columns,
    mapping,
    model: options.model,
    ...(options.shape ? { shape: options.shape } : {}),
    textCells: source.textCells === true,
  };
  const predictions: Prediction[] = [];
  const firstLine = new Map<string, number>();
  let read = 0;
  progress?.start(`read predictions ${file}`, 0);
  try {
    for await (const records of source.batches(BATCH)) {
      for (const record of records) {
        read++;
        if ('error' in record)
          throw new HiloError('INVALID_INPUT', record.error, { file, line: record.line });
        const result = predictionFromRecord(record.values, rules);
        const at = { file, line: record.line };
        if (isPredictionProblem(result))
          throw new HiloError('INVALID_INPUT', result.reason, { ...at, field: result.field });
        const earlier = firstLine.get(result.id);
        if (earlier !== undefined)
          throw new HiloError(
            'INVALID_INPUT',
            `id "${result.id}" already appears on line ${earlier}`,
            {
              ...at,
              field: rules.idField,
            },
          );
        firstLine.set(result.id, record.line);
        predictions.push(
          options.method === undefined ? result : { ...result, method: options.method },
        );
      }
      progress?.update(read);
    }
    if (read === 0) throw emptyFileError(file, 'predictions');
  } finally {
    progress?.finish(`read ${read} predictions from ${file}`);
  }
  const methods: Partial<Record<ConfidenceMethod, number>> = {};
  for (const p of predictions) methods[p.method] = (methods[p.method] ?? 0) + 1;
  const used = Object.keys(methods) as ConfidenceMethod[];
  const sourceName = `import:${options.model}`;
  const startedAt = new Date(clock.now()).toISOString();
  const costPerItem = options.costPerItem ?? 0;
  const counts = await store.transaction(async (tx) => {
    const runNumber = (await tx.listRuns({ kind: 'label' })).length + 1;
    const runId = `label-${runNumber}-${startedAt.replace(/[-:.TZ]/g, '').slice(0, 14)}`;
    const { roles, created } = await createMissingItems(tx, predictions);
    await tx.createRun({
      id: runId,
      kind: 'label',
      status: 'running',
      itemsDone: 0,
      itemsFailed: 0,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
      startedAt,
      endedAt: null,
      config: {
        kind: 'import',
        model: options.model,
        file,
        method: used.length === 1 ? (used[0] as ConfidenceMethod) : 'mixed',
        costPerItem,
        labeller: sourceName,
        roles: [...roles.values()],
        limit: null,
      },
    });
    const written = await writePredictions({
      store: tx,
      source: sourceName,
      runId,
      predictions,
      costPerItem,
      now: startedAt,
    });
    await tx.updateRun(runId, {
      status: 'done',
      itemsDone: written.added + written.replaced,
      costUsd: (written.added + written.replaced) * costPerItem,
      endedAt: new Date(clock.now()).toISOString(),
    });
    return { ...written, itemsCreated: created, runId };
  });
  return {
    file,
    source: sourceName,
    read,
    ...counts,
    methods,
    abstained: predictions.filter((p) => p.label === null).length,
    outside: outsideMass(predictions),
  };
}

/** Creates the items the file names that are not stored (role pool); returns the roles voted on. */
async function createMissingItems(
  store: Store,
  predictions: readonly Prediction[],
): Promise<{ roles: Set<ItemRole>; created: number }> {
  const roles = new Set<ItemRole>();
  let created = 0;
  for (let i = 0; i < predictions.length; i += BATCH) {
    const chunk = predictions.slice(i, i + BATCH);
    const stored = new Map(
      (await store.listItems({ ids: chunk.map((p) => p.id) })).map((item) => [item.id, item]),
    );
    const missing: Item[] = [];
    for (const p of chunk) {
      const item = stored.get(p.id);
      roles.add(item?.role ?? 'pool');
      if (!item)
        missing.push({ id: p.id, fields: p.fields, role: 'pool', batch: null, goldLabel: null });
    }
    if (missing.length > 0) created += (await store.upsertItems(missing)).inserted;
  }
  return { roles, created };
}

function outsideMass(predictions: readonly Prediction[]): OutsideMass {
  let rows = 0;
  let mass = 0;
  const options = new Set<string>();
  for (const p of predictions) {
    if (p.label === null || p.otherMass <= OUTSIDE_NOTICE) continue;
    rows++;
    mass += p.otherMass;
    for (const name of p.outside) if (options.size < 10) options.add(name);
  }
  return { rows, meanMass: rows > 0 ? mass / rows : 0, options: [...options] };
}
