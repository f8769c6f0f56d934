import { emptyFileError } from '../../core/empty-file-error.js';
import { HiloError } from '../../core/errors.js';
import type { Progress, RecordSource, Store } from '../../core/ports/index.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import type { Item, ItemRole } from '../../core/types.js';
import { cleanItem, type CleanPlan } from './clean-item.js';
import { isProblem, itemFromRecord, type ItemRules } from './item-from-record.js';

export interface ImportItemsOptions {
  readonly store: Store;
  readonly source: RecordSource;
  readonly role: ItemRole;
  /** Column holding each item's id. */
  readonly idField: string;
  /** Column holding the expert label (gold, control, test); ignored for pool items. */
  readonly labelField: string;
  /** The project's fields; every record must have each of them. */
  readonly fields: readonly string[];
  /** The project's label set. */
  readonly labels: readonly string[];
  /** The project's kind: how a label is read (default classify over `labels`). */
  readonly shape?: TaskShape;
  /** Store the good records and report the bad ones, instead of stopping at the first. */
  readonly skipInvalid: boolean;
  readonly batch?: string;
  /** Clean-up of text fields (`--clean`); each changed field keeps its original beside it. */
  readonly clean?: CleanPlan;
  readonly progress?: Progress;
}

/** A record that was not imported, and why. */
export interface SkippedRecord {
  readonly line: number;
  readonly field?: string;
  readonly reason: string;
}

export interface ImportReport {
  readonly file: string;
  /** Records read (good and bad; blank lines are not records). */
  readonly read: number;
  readonly inserted: number;
  readonly updated: number;
  /** Every record left out (only with `skipInvalid`); its length is the skipped count. */
  readonly skipped: readonly SkippedRecord[];
  /** Items whose text the clean-up changed; only with `clean`. */
  readonly cleaned?: number;
}

/** Records per read and per `upsertItems` call. */
const BATCH = 1000;

/**
 * Imports a file of items into the store in one transaction. A bad record (unreadable, no id,
 * a project field missing, a gold/control label missing or not an answer of the project's kind
 * (outside the label set, a set outside multilabel bounds, a rating off the scale), an id seen
 * earlier in the file) stops the import with INVALID_INPUT naming the file, line and field,
 * and nothing from the file is stored; with `skipInvalid` the good records are stored and every
 * bad one is reported. Items are upserted by id, so importing a file again updates, never
 * duplicates. Columns other than the id and label are kept in `fields` (see itemFromRecord).
 * A file with no records (empty, or a header row only) is INVALID_INPUT "0 items in FILE".
 * Progress has no total (a stream's length is unknown): `update` gets the records read.
 * @example
 * const report = await importItems({ store, source, role: 'pool', idField: 'id',
 *   labelField: 'label', fields: ['text'], labels: ['spam', 'ham'], skipInvalid: false });
 * Complexity O(records); memory one batch plus the ids seen (to catch duplicates).
 */
export async function importItems(options: ImportItemsOptions): Promise<ImportReport> {
  const { store, source, skipInvalid, progress } = options;
  const rules: ItemRules = {
    role: options.role,
    idField: options.idField,
    labelField: options.labelField,
    fields: options.fields,
    shape: options.shape ?? { kind: 'classify', labels: options.labels },
    textCells: options.source.textCells === true,
    batch: options.batch ?? null,
  };
  const file = source.path;
  const firstLineOf = new Map<string, number>();
  const skipped: SkippedRecord[] = [];
  let read = 0;
  let inserted = 0;
  let updated = 0;
  let cleaned = 0;

  const reject = (problem: SkippedRecord): void => {
    if (!skipInvalid) {
      const { line, field } = problem;
      throw new HiloError(
        'INVALID_INPUT',
        problem.reason,
        field === undefined ? { file, line } : { file, line, field },
      );
    }
    skipped.push(problem);
  };

  progress?.start(`import ${file}`, 0);
  let finished = `import of ${file} stopped`;
  try {
    await store.transaction(async (tx) => {
      for await (const records of source.batches(BATCH)) {
        const items: Item[] = [];
        for (const record of records) {
          read += 1;
          if ('error' in record) {
            reject({ line: record.line, reason: record.error });
            continue;
          }
          const built = itemFromRecord(record.values, rules);
          const result =
            options.clean && !isProblem(built) ? cleanItem(built, options.clean) : built;
          if (isProblem(result)) {
            reject({ line: record.line, ...result });
            continue;
          }
          const earlier = firstLineOf.get(result.id);
          if (earlier !== undefined) {
            reject({
              line: record.line,
              field: rules.idField,
              reason: `id "${result.id}" already appears on line ${earlier}`,
            });
            continue;
          }
          firstLineOf.set(result.id, record.line);
          items.push(result);
          // cleanItem hands back the very item it was given when nothing changed.
          if (result !== built) cleaned += 1;
        }
        if (items.length > 0) {
          const counts = await tx.upsertItems(items);
          inserted += counts.inserted;
          updated += counts.updated;
        }
        progress?.update(read);
      }
      if (read === 0) throw emptyFileError(file, 'items');
    });
    finished = `imported ${inserted + updated} items from ${file}`;
  } finally {
    progress?.finish(finished);
  }
  return { file, read, inserted, updated, skipped, ...(options.clean ? { cleaned } : {}) };
}
