/**
 * The real crowds of ../shared/datasets that `bench/crowd-replay.ts` replays: bluebirds and the
 * Active Crowd Toolkit files (SP, ZenCrowd, CF, CF_amt), each as answers in file order with the
 * gold label of every item.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** One real answer; `seconds` is the judgment time when the file records it (CF_amt). */
export interface CrowdAnswer {
  readonly worker: string;
  readonly item: string;
  readonly label: string;
  readonly seconds: number | null;
}

export interface Crowd {
  readonly name: string;
  readonly labels: string[];
  readonly gold: Map<string, string>;
  readonly answers: CrowdAnswer[];
}

/** bluebirds (answers.csv, truth.csv) or null when missing. */
export function loadBluebirds(root: string): Crowd | null {
  const dir = join(root, 'bluebirds');
  if (!existsSync(join(dir, 'answers.csv'))) return null;
  const rows = parse(readFileSync(join(dir, 'answers.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  const truth = parse(readFileSync(join(dir, 'truth.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  return {
    name: 'bluebirds',
    labels: ['0', '1'],
    gold: new Map(truth.map((r) => [r.item ?? '', r.truth ?? ''])),
    answers: rows.map((r) => ({
      worker: r.worker ?? '',
      item: r.item ?? '',
      label: r.label ?? '',
      seconds: null,
    })),
  };
}

/** An Active Crowd Toolkit file (`worker,task,label,gold[,extra]`) or null when missing. */
export function loadActiveCrowd(root: string, name: string): Crowd | null {
  const file = join(root, 'active-crowd-toolkit', `${name}.csv`);
  if (!existsSync(file)) return null;
  const rows = parse(readFileSync(file, 'utf8'), { relax_column_count: true }) as string[][];
  const gold = new Map<string, string>();
  const labels = new Set<string>();
  const answers = rows.map((r) => {
    const [worker = '', item = '', label = '', truth = '', extra] = r;
    gold.set(item, truth);
    labels.add(label).add(truth);
    // Only Weather Sentiment AMT (CF_amt) has the judgment time in its fifth column.
    const seconds = name === 'CF_amt' && extra !== undefined ? Number(extra) : null;
    return { worker, item, label, seconds };
  });
  return { name, labels: [...labels].sort(), gold, answers };
}
