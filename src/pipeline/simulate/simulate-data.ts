import { HiloError } from '../../core/errors.js';
import type { RecordSource } from '../../core/ports/records.js';

export interface SimulationDataOptions {
  /** Fields joined (one per line) into the text the model reads. */
  readonly textFields: readonly string[];
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
      const label = scalar(record.values[options.labelField]);
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
      texts.push(parts.join('\n'));
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
