import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** Six banking77 intents (CC BY 4.0, data/banking77/README.md), small enough for fast tests. */
export const SUBSET_LABELS = [
  'card_arrival',
  'exchange_rate',
  'lost_or_stolen_card',
  'pin_blocked',
  'top_up_failed',
  'transfer_timing',
];

export type Row = {
  readonly id: string;
  readonly text: string;
  readonly label: string;
};

/** The rows of the subset from the shipped train split, with stable ids, in file order. */
export function bankingSubset(): Row[] {
  const csv = readFileSync(new URL('../data/banking77/train.csv', import.meta.url), 'utf8');
  const records = parse(csv, { columns: true }) as { text: string; category: string }[];
  return records
    .map((r, i) => ({ id: `b${String(i).padStart(5, '0')}`, text: r.text, label: r.category }))
    .filter((r) => SUBSET_LABELS.includes(r.label));
}
