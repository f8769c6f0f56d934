import { HiloError } from '../../core/errors.js';
import type { RecordSource, Store } from '../../core/ports/index.js';
import { readAnswer, type TaskShape } from '../../core/task-kind/index.js';
import type { Item } from '../../core/types.js';

export interface ImportTruthOptions {
  readonly store: Store;
  /** Rows of `task,label` (also accepted: `item`; `truth`, `true_label`, `gold`). */
  readonly source: RecordSource;
  readonly labels: readonly string[];
  /** The project's kind: how a label is read (default classify over `labels`). */
  readonly shape?: TaskShape;
  /** `test` keeps the truth out of aggregation (measure only); `gold` clamps those items. */
  readonly role: 'gold' | 'test';
}

const ITEM_COLUMNS = ['task', 'item', 'id'];
const LABEL_COLUMNS = ['label', 'labels', 'truth', 'true_label', 'gold', 'gold_label'];

/**
 * Sets the trusted label (and role) of items from a ground-truth file, creating items that are
 * missing and keeping the fields of those that exist. A label is read in the project's kind (see
 * `readAnswer`). All or nothing: a bad row stores nothing.
 * @example await importTruth({ store, source: await openRecordSource('truth.csv'), labels, role: 'test' });
 * Complexity: O(rows) with one store read per 2,000 rows.
 */
export async function importTruth(
  options: ImportTruthOptions,
): Promise<{ updated: number; created: number }> {
  const { store, source, role } = options;
  const shape = options.shape ?? { kind: 'classify', labels: options.labels };
  const cells = { textCells: source.textCells === true };
  let updated = 0;
  let created = 0;
  await store.transaction(async (tx) => {
    for await (const records of source.batches(2000)) {
      const rows: { id: string; label: string }[] = [];
      for (const record of records) {
        if ('error' in record)
          throw new HiloError('INVALID_INPUT', record.error, {
            file: source.path,
            line: record.line,
          });
        const itemColumn = ITEM_COLUMNS.find((c) => c in record.values);
        const labelColumn = LABEL_COLUMNS.find((c) => c in record.values);
        if (!itemColumn)
          throw new HiloError(
            'INVALID_INPUT',
            `no item column (one of ${ITEM_COLUMNS.join(', ')})`,
            { file: source.path, line: record.line },
          );
        if (!labelColumn)
          throw new HiloError(
            'INVALID_INPUT',
            `no label column (one of ${LABEL_COLUMNS.join(', ')})`,
            { file: source.path, line: record.line },
          );
        const id = String(record.values[itemColumn] ?? '').trim();
        const read = readAnswer(shape, record.values[labelColumn], cells);
        if (!id)
          throw new HiloError('INVALID_INPUT', 'empty item id', {
            file: source.path,
            line: record.line,
            field: itemColumn,
          });
        if (!('answer' in read))
          throw new HiloError('INVALID_INPUT', 'problem' in read ? read.problem : 'missing label', {
            file: source.path,
            line: record.line,
            field: labelColumn,
          });
        rows.push({ id, label: read.answer });
      }
      const existing = new Map(
        (await tx.listItems({ ids: rows.map((r) => r.id) })).map((i) => [i.id, i]),
      );
      const items: Item[] = rows.map(({ id, label }) => {
        const item = existing.get(id);
        if (item) updated++;
        else created++;
        return {
          id,
          fields: item?.fields ?? {},
          role,
          batch: item?.batch ?? null,
          goldLabel: label,
        };
      });
      if (items.length > 0) await tx.upsertItems(items);
    }
  });
  return { updated, created };
}
