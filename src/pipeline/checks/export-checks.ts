import type { Progress, RecordSink, Store } from '../../core/ports/index.js';

export interface ExportChecksOptions {
  readonly store: Store;
  /** Where the rows go; `exportChecks` closes it (or aborts it on failure). */
  readonly sink: RecordSink;
  /** The project's fields, in order: the only columns of an item an expert sees. */
  readonly fields: readonly string[];
  readonly progress?: Progress;
}

const ITEMS_PER_READ = 1000;

/**
 * `hilo checks export FILE`: one row per drawn check, in item id order: `id`, the project's
 * fields, and `label` (the expert's label, or null / an empty cell while unanswered), ready to be
 * filled in and read back with `hilo import FILE --role check`. Neither the machine's label nor
 * the stratum is written, so the answers stay unbiased. A field named `id` or `label` is written
 * as `fields.<name>`.
 * @example await exportChecks({ store, sink: openRecordSink('checks.csv'), fields: ['text'] })
 * Complexity: O(checks) reads in pages of 1,000 items.
 */
export async function exportChecks(options: ExportChecksOptions): Promise<{ written: number }> {
  const { store, sink, fields, progress } = options;
  const checks = await store.listChecks();
  let written = 0;
  progress?.start('export checks', checks.length);
  try {
    for (let start = 0; start < checks.length; start += ITEMS_PER_READ) {
      const page = checks.slice(start, start + ITEMS_PER_READ);
      const items = new Map(
        (await store.listItems({ ids: page.map((c) => c.itemId) })).map((i) => [i.id, i]),
      );
      for (const check of page) {
        const record: Record<string, unknown> = { id: check.itemId };
        const item = items.get(check.itemId);
        for (const name of fields) {
          const column = name === 'id' || name === 'label' ? `fields.${name}` : name;
          record[column] = item?.fields[name] ?? null;
        }
        record.label = check.label;
        await sink.write(record);
        written++;
      }
      progress?.update(written);
    }
    await sink.close();
  } catch (error) {
    await sink.abort?.();
    throw error;
  } finally {
    progress?.finish(`exported ${written} checks`);
  }
  return { written };
}
