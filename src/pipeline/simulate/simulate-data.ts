import { HiloError } from '../../core/errors.js';
import { pairwiseText } from '../../core/local-model/pairwise-text.js';
import type { RecordSource } from '../../core/ports/records.js';
import type { TaskKind } from '../../core/types.js';

export interface SimulationDataOptions {
  /**
   * Fields joined (one per line) into the text the model reads; for `pairwise`, exactly the
   * prompt and the two responses, marked by side as the project's local model reads them.
   */
  readonly textFields: readonly string[];
  /**
   * What the labels are: single labels (`classify`, default), pairwise verdicts or a rating's
   * levels (each level a class, scored by exact accuracy). Multi-label data is refused.
   */
  readonly kind?: TaskKind;
  readonly labelField: string;
  /** Numeric fields to read too (e.g. an agreement share); missing or non-numbers are errors. */
  readonly numberFields?: readonly string[];
  /** Stop after this many records. */
  readonly limit?: number;
}

/** A labelled data set read from a file: parallel arrays. */
export interface SimulationData {
  readonly file: string;
  readonly texts: string[];
  readonly labels: string[];
  readonly numbers: Record<string, Float64Array>;
}

/**
 * Reads a labelled file (JSONL, CSV, Parquet through a RecordSource) into texts and labels, for
 * simulations that run without a project. A line that cannot be parsed, or lacks the label, a
 * text field or a numeric field, stops the read with an error naming file, line and field.
 * @example const data = await readSimulationData(await openRecordSource('bank.csv'), { textFields: ['text'], labelField: 'category' });
 * Complexity: O(records × fields).
 * @throws HiloError INVALID_INPUT as above, or when the file has no records.
 */
export async function readSimulationData(
  source: RecordSource,
  options: SimulationDataOptions,
): Promise<SimulationData> {
  const file = source.path;
  const kind = options.kind ?? 'classify';
  if (kind === 'multilabel') {
    throw new HiloError(
      'INVALID_INPUT',
      'hilo simulate runs single-choice data (classify, pairwise, rating); kind multilabel is not simulated',
    );
  }
  if (kind === 'pairwise' && options.textFields.length !== 3) {
    throw new HiloError(
      'INVALID_INPUT',
      `a pairwise simulation reads three text fields (prompt, a, b), got ${options.textFields.join(', ')}`,
    );
  }
  const texts: string[] = [];
  const labels: string[] = [];
  const numberFields = options.numberFields ?? [];
  const numbers: number[][] = numberFields.map(() => []);
  const limit = options.limit ?? Infinity;
  outer: for await (const batch of source.batches(5000)) {
    for (const record of batch) {
      if (texts.length >= limit) break outer;
      if ('error' in record)
        throw new HiloError('INVALID_INPUT', record.error, { file, line: record.line });
      const at = (field: string) => ({ file, line: record.line, field });
      const value = record.values[options.labelField];
      if (Array.isArray(value)) {
        throw new HiloError(
          'INVALID_INPUT',
          'the label is a list (multi-label data); hilo simulate runs single-choice data',
          at(options.labelField),
        );
      }
      const label = scalar(value);
      if (label === null || label === '')
        throw new HiloError('INVALID_INPUT', 'no label', at(options.labelField));
      const parts = options.textFields.map((field) => {
        const value = record.values[field];
        if (value === undefined) throw new HiloError('INVALID_INPUT', 'no such field', at(field));
        return scalar(value) ?? '';
      });
      numberFields.forEach((field, f) => {
        const value = Number(scalar(record.values[field]));
        if (
          record.values[field] === undefined ||
          record.values[field] === '' ||
          !Number.isFinite(value)
        ) {
          throw new HiloError('INVALID_INPUT', 'expected a number', at(field));
        }
        (numbers[f] as number[]).push(value);
      });
      texts.push(
        kind === 'pairwise'
          ? pairwiseText(parts[0] as string, parts[1] as string, parts[2] as string)
          : parts.join('\n'),
      );
      labels.push(label);
    }
  }
  if (texts.length === 0) throw new HiloError('INVALID_INPUT', 'no records', { file });
  return {
    file,
    texts,
    labels,
    numbers: Object.fromEntries(
      numberFields.map((field, f) => [field, Float64Array.from(numbers[f] as number[])]),
    ),
  };
}

function scalar(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}
