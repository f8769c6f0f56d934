import type { Progress, RecordSink, Store } from '../../core/ports/index.js';
import { LABEL_SET_SEPARATOR, decodeLabelSet, type TaskShape } from '../../core/task-kind/index.js';
import type { Decision, Item } from '../../core/types.js';

export interface ExportItemsOptions {
  readonly store: Store;
  /** Where the records go; `exportItems` closes it (or aborts it on failure). */
  readonly sink: RecordSink;
  /** The project's label set, in order: the `p_<label>` columns of flat formats. */
  readonly labels: readonly string[];
  /** The project's kind (default classify over `labels`): a multi-label line adds `labels`. */
  readonly shape?: TaskShape;
  readonly progress?: Progress;
}

export interface ExportReport {
  readonly written: number;
}

/** The column of a multi-label line that lists the set's names. */
const SET_COLUMN = 'labels';

/** Items read from the store per page. */
const PAGE = 1000;

/** The column naming the representative of an item marked as a duplicate. */
const DUPLICATE_COLUMN = 'duplicateOf';

/** Columns the export adds after an item's own fields. */
const OUTPUT_COLUMNS = [
  'id',
  'label',
  'probabilities',
  'confidence',
  'decidedBy',
  'labelSource',
  'source',
  'zone',
  'role',
];

/**
 * Writes every item, in id order, with its current label: `id`, the item's fields, `label`,
 * `probabilities`, `confidence` (probability of the label), `decidedBy`, `labelSource`
 * (`expert`, `people` or `machine`), `source` (the labeller or method), `zone` and `role`. An
 * item with an expert label (gold, control, test) always gives it, whatever its decision says
 * (`labelSource` "expert", `decidedBy` and `source` "gold", confidence 1, all probability on
 * it); other items give their decision's label (an expert check's answer is `decidedBy`
 * "expert", `labelSource` "expert"); an undecided one gives nulls. Flat formats (CSV, TSV, Parquet: `sink.flat`) get one
 * `p_<label>` column per label instead of a `probabilities` map, and every row the same
 * columns (one extra pass over the items collects the field names). A field whose name clashes
 * with an output column is written as `fields.<name>`. A multi-label line keeps the set's code
 * in `label` and adds `labels`, the set's names (an array; in text cells joined by `|`, the
 * empty set `[]`), and its probabilities are each label's probability of applying (an expert's
 * set: 1 for its labels, 0 for the others). In a project with duplicate marks (`hilo dedup
 * --apply`) every row adds `duplicateOf`: the representative whose decision a duplicate shares,
 * null for the others. Fields cleaned on import come with their `<field>_original` beside them.
 * @example await exportItems({ store, sink: openRecordSink('out.csv'), labels: ['ham', 'spam'] });
 * Complexity O(items); memory one page of items.
 */
export async function exportItems(options: ExportItemsOptions): Promise<ExportReport> {
  const { store, sink, labels, progress } = options;
  const shape = options.shape ?? { kind: 'classify', labels };
  const flat = sink.flat === true;
  const textCells = sink.textCells === true;
  const reserved = new Set([
    ...OUTPUT_COLUMNS,
    ...(shape.kind === 'multilabel' ? [SET_COLUMN] : []),
    ...labels.map((label) => `p_${label}`),
  ]);
  let written = 0;
  progress?.start('export', await store.countItems({}));
  // `duplicateOf` only in projects with duplicate marks (`hilo dedup --apply`).
  const marked = (await store.countItems({ duplicates: true })) > 0;
  if (marked) reserved.add(DUPLICATE_COLUMN);
  try {
    const fieldNames = flat ? await collectFieldNames(store) : undefined;
    for await (const { items, decisions, duplicates } of pages(store, marked)) {
      for (const item of items) {
        const record: Record<string, unknown> = { id: item.id };
        copyFields(record, item, fieldNames, reserved);
        Object.assign(record, outcome(item, decisions.get(item.id), shape, { flat, textCells }));
        if (marked) record[DUPLICATE_COLUMN] = duplicates.get(item.id) ?? null;
        await sink.write(record);
        written += 1;
      }
      progress?.update(written);
    }
    await sink.close();
  } catch (error) {
    await sink.abort?.();
    throw error;
  } finally {
    progress?.finish(`exported ${written} items`);
  }
  return { written };
}

async function* pages(
  store: Store,
  marked: boolean,
): AsyncGenerator<{
  items: Item[];
  decisions: Map<string, Decision>;
  duplicates: Map<string, string>;
}> {
  let afterId: string | undefined;
  for (;;) {
    const items = await store.listItems(
      afterId === undefined ? { limit: PAGE } : { afterId, limit: PAGE },
    );
    if (items.length === 0) return;
    const itemIds = items.map((item) => item.id);
    const found = await store.listDecisions({ itemIds });
    const marks = marked ? await store.listDuplicates({ itemIds }) : [];
    yield {
      items,
      decisions: new Map(found.map((decision) => [decision.itemId, decision])),
      duplicates: new Map(marks.map((mark) => [mark.itemId, mark.duplicateOf])),
    };
    afterId = items.at(-1)?.id;
    if (items.length < PAGE) return;
  }
}

/** Field names of all items, in order of first appearance, so flat rows share one header. */
async function collectFieldNames(store: Store): Promise<string[]> {
  const names = new Set<string>();
  let afterId: string | undefined;
  for (;;) {
    const items = await store.listItems(
      afterId === undefined ? { limit: PAGE } : { afterId, limit: PAGE },
    );
    for (const item of items) for (const name of Object.keys(item.fields)) names.add(name);
    if (items.length < PAGE) return [...names];
    afterId = items.at(-1)?.id;
  }
}

function copyFields(
  record: Record<string, unknown>,
  item: Item,
  names: readonly string[] | undefined,
  reserved: ReadonlySet<string>,
): void {
  for (const name of names ?? Object.keys(item.fields)) {
    const column = reserved.has(name) ? `fields.${name}` : name;
    record[column] = Object.hasOwn(item.fields, name) ? item.fields[name] : null;
  }
}

/** Who a decision's label comes from, as the export names it. */
const LABEL_SOURCE: Readonly<Record<Decision['decidedBy'], 'expert' | 'people' | 'machine'>> = {
  gold: 'expert',
  expert: 'expert',
  reviewer: 'people',
  human: 'people',
  aggregated: 'people',
  auto: 'machine',
  machine: 'machine',
};

function outcome(
  item: Item,
  decision: Decision | undefined,
  shape: TaskShape,
  sink: { readonly flat: boolean; readonly textCells: boolean },
): Record<string, unknown> {
  const { labels } = shape;
  const expert = item.goldLabel;
  const label = expert ?? decision?.label ?? null;
  const chosen =
    expert === null ? [] : shape.kind === 'multilabel' ? decodeLabelSet(expert, labels) : [expert];
  const probabilities =
    expert !== null
      ? Object.fromEntries(labels.map((name) => [name, chosen.includes(name) ? 1 : 0]))
      : (decision?.probabilities ?? null);
  const confidence =
    expert !== null
      ? 1
      : (decision?.confidence ?? (label !== null ? probabilities?.[label] : undefined) ?? null);
  const spread = sink.flat
    ? Object.fromEntries(labels.map((name) => [`p_${name}`, probabilities?.[name] ?? null]))
    : { probabilities };
  const names =
    shape.kind === 'multilabel' ? { [SET_COLUMN]: setNames(label, labels, sink.textCells) } : {};
  return {
    label,
    ...names,
    ...spread,
    confidence,
    decidedBy: expert !== null ? 'gold' : (decision?.decidedBy ?? null),
    labelSource: expert !== null ? 'expert' : decision ? LABEL_SOURCE[decision.decidedBy] : null,
    source: expert !== null ? 'gold' : (decision?.source ?? null),
    zone: decision?.zone ?? null,
    role: item.role,
  };
}

/** A multi-label answer's names: an array, or in text cells joined by `|` (`[]` when empty). */
function setNames(code: string | null, labels: readonly string[], textCells: boolean): unknown {
  if (code === null) return null;
  const names = decodeLabelSet(code, labels);
  if (!textCells) return names;
  return names.length === 0 ? '[]' : names.join(LABEL_SET_SEPARATOR);
}
