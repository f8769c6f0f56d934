import type { CheckDesign } from '../core/checks/index.js';
import { HiloError } from '../core/errors.js';
import type { Clock, Progress, Store } from '../core/ports/index.js';
import { expertItemPrice, type ProjectConfig } from '../core/project.js';
import { taskShapeOf } from '../core/task-kind/index.js';
import { openRecordSink } from '../files/open-record-sink.js';
import type { TextEncoding } from '../files/input-limits.js';
import { openInputFile } from './open-input-file.js';
import {
  checkStatus,
  drawPoolChecks,
  exportChecks,
  importCheckAnswers,
  type CheckStatus,
  type DrawPoolChecksReport,
  type ImportCheckAnswersReport,
} from '../pipeline/checks/index.js';

/**
 * Expert checks drawn from the pool, wired to the project's store, settings and files.
 * @example
 * const drawn = await project.checks.draw({ source, count: 200, design: 'stratified' });
 * await project.checks.export({ file: 'checks.csv' });
 * await project.checks.importAnswers({ file: 'checks.csv' });
 */
export interface ProjectChecks {
  /**
   * Draws `count` new checks (or as many as `budgetUsd` buys at `prices.expertItemUsd`) from the
   * pool items scored by `source`; a later draw tops up.
   */
  draw(options: DrawChecksOptions): Promise<DrawPoolChecksReport & { readonly costUsd: number }>;
  /** Drawn, labelled, per stratum, and cost at the expert's price. */
  status(): Promise<CheckStatus>;
  /** One row per drawn item (`id`, the project's fields, `label`); the format follows the extension. */
  export(options: { readonly file: string }): Promise<{ written: number }>;
  /** The experts' answers from a file of `id`, `label` rows. */
  importAnswers(options: {
    readonly file: string;
    readonly idField?: string;
    readonly labelField?: string;
    /** The text encoding of a JSONL, CSV or TSV file; default UTF-8. */
    readonly encoding?: TextEncoding;
  }): Promise<ImportCheckAnswersReport>;
}

/** @example const options: DrawChecksOptions = { source: 'model:local@2', budgetUsd: 150, design: 'stratified', seed: 1 } */
export interface DrawChecksOptions {
  /** The labeller whose confidence the draw reads (the current labeller). */
  readonly source: string;
  /** New checks to draw; or give `budgetUsd`. */
  readonly count?: number;
  /** Money for new checks, turned into a count at `prices.expertItemUsd`. */
  readonly budgetUsd?: number;
  /** Default `stratified`. */
  readonly design?: CheckDesign;
  /** Default 1. */
  readonly seed?: number;
}

/**
 * The checks steps of an open project.
 * @example const checks = projectChecks({ store, config, clock })
 * Complexity: see each pipeline step.
 */
export function projectChecks(deps: {
  readonly store: Store;
  readonly config: ProjectConfig;
  readonly clock: Clock;
  readonly progress?: Progress;
}): ProjectChecks {
  const { store, config, clock } = deps;
  const labels = config.labels.map((l) => l.name);
  const price = expertItemPrice(config.prices);
  const withProgress = deps.progress ? { progress: deps.progress } : {};
  return {
    draw: async (o) => {
      const count = checksToDraw(o, price);
      const report = await drawPoolChecks({
        store,
        clock,
        source: o.source,
        labels,
        fields: config.fields,
        count,
        design: o.design ?? 'stratified',
        seed: o.seed ?? 1,
        ...withProgress,
      });
      return { ...report, costUsd: report.added * price };
    },
    status: () => checkStatus({ store, expertItemUsd: price }),
    export: (o) =>
      exportChecks({ store, sink: openRecordSink(o.file), fields: config.fields, ...withProgress }),
    importAnswers: async (o) =>
      importCheckAnswers({
        store,
        clock,
        labels,
        shape: taskShapeOf(config),
        source: await openInputFile(o.file, config, o.encoding),
        ...(o.idField ? { idField: o.idField } : {}),
        ...(o.labelField ? { labelField: o.labelField } : {}),
        ...withProgress,
      }),
  };
}

/** The count asked for, or what the budget buys at the expert's price. */
function checksToDraw(options: DrawChecksOptions, price: number): number {
  const { count, budgetUsd } = options;
  if ((count === undefined) === (budgetUsd === undefined)) {
    throw new HiloError('INVALID_INPUT', 'give either a count of checks or a budget');
  }
  if (count !== undefined) return count;
  if (price <= 0) {
    throw new HiloError(
      'INVALID_INPUT',
      'prices.expertItemUsd is 0, so a budget cannot set the count: give a count instead',
      { field: 'budget' },
    );
  }
  const bought = Math.floor((budgetUsd as number) / price + 1e-9);
  if (bought < 1) {
    throw new HiloError(
      'INVALID_INPUT',
      `a budget of $${budgetUsd} buys no check at $${price} per item (prices.expertItemUsd)`,
      { field: 'budget' },
    );
  }
  return bought;
}
