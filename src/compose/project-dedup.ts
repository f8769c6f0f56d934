import { HiloError } from '../core/errors.js';
import type { Clock, Progress, StoreWithPeople } from '../core/ports/index.js';
import type { DedupSettings, ProjectConfig } from '../core/project.js';
import { cleanPlan, parseCleanRule, type CleanStep } from '../core/text-clean/index.js';
import { openRecordSink } from '../files/open-record-sink.js';
import {
  applyDuplicates,
  clusterRecords,
  findDuplicates,
  type ApplyDuplicatesReport,
  type DuplicatesFound,
} from '../pipeline/dedup/index.js';

/** @example const options: DedupOptions = { threshold: 0.9, apply: true } */
export interface DedupOptions extends Partial<DedupSettings> {
  /** Mark the duplicates in the store (else only report them). */
  readonly apply?: boolean;
  /** Write every cluster's members to this file (JSONL, CSV, TSV or Parquet). */
  readonly clustersFile?: string;
}

/** What `hilo dedup` found, with the settings it ran with, and what `--apply` stored. */
export interface DedupRun {
  readonly settings: DedupSettings;
  readonly found: DuplicatesFound;
  readonly applied: ApplyDuplicatesReport | null;
  /** Wall-clock seconds of finding (reading items included). */
  readonly seconds: number;
}

/**
 * `hilo dedup`: finds duplicates with the project's `dedup` settings overridden by the options,
 * writes the clusters file if asked, and with `apply` marks them (`applyDuplicates`).
 * @example const run = await projectDedup({ store, config, clock }, { apply: true })
 * Complexity: see findDuplicates.
 */
export async function projectDedup(
  context: {
    readonly store: StoreWithPeople;
    readonly config: ProjectConfig;
    readonly clock: Clock;
    readonly progress?: Progress;
  },
  options: DedupOptions = {},
): Promise<DedupRun> {
  const { store, config, clock } = context;
  const { apply, clustersFile, ...overrides } = options;
  const settings: DedupSettings = { ...config.dedup, ...definedOnly(overrides) };
  const started = clock.now();
  const found = await findDuplicates({
    store,
    fields: config.fields,
    settings,
    ...(context.progress ? { progress: context.progress } : {}),
  });
  const seconds = (clock.now() - started) / 1000;
  if (clustersFile !== undefined) {
    const sink = openRecordSink(clustersFile);
    try {
      for (const record of clusterRecords(found)) await sink.write(record);
      await sink.close();
    } catch (error) {
      await sink.abort?.();
      throw error;
    }
  }
  const applied = apply === true ? await applyDuplicates({ store, clock }, found) : null;
  return { settings, found, applied, seconds };
}

/**
 * The clean-up plan of an import: hilo.yaml `import.clean`, then the `--clean` rules, over the
 * project's fields (the text shown to the model and to people); undefined when there is nothing
 * to clean.
 * @example importCleanPlan(config, ['text=html']) // Map { 'text' => ['html'] }
 */
export function importCleanPlan(
  config: ProjectConfig,
  extra: readonly string[] = [],
): ReadonlyMap<string, readonly CleanStep[]> | undefined {
  const rules = [...config.import.clean, ...extra].map((value) => {
    const rule = parseCleanRule(value);
    if ('problem' in rule) throw new HiloError('INVALID_INPUT', `--clean ${rule.problem}`);
    return rule;
  });
  if (rules.length === 0) return undefined;
  const plan = cleanPlan(rules, config.fields);
  if ('problem' in plan) throw new HiloError('INVALID_INPUT', `--clean ${plan.problem}`);
  return plan;
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
