import {
  auditEstimate,
  type AuditBatch,
  type AuditRow,
} from '../../core/routing/audit-estimate.js';
import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/index.js';
import { runsOfKind } from '../../core/runs/run-records.js';
import type { Vote } from '../../core/types.js';
import { readAuditedItems, type AuditedItem } from './audit-sample.js';

/** One item drawn for audit, as `hilo audit` lists it. */
export interface AuditItemRow {
  readonly id: string;
  readonly batch: string;
  /** The accepted (machine) label people's answers are checked against. */
  readonly label: string;
  /** People's answers so far, each person's newest once: label → count. */
  readonly answers: Readonly<Record<string, number>>;
  /** The label most of them gave; null before any answer and on a tie. */
  readonly answer: string | null;
  /** Whether that answer is the machine's label; null while it has none. */
  readonly agrees: boolean | null;
}

export interface AuditReport {
  /** Every item drawn for audit, in the order drawn. */
  readonly items: readonly AuditItemRow[];
  /** Items whose people's answer agrees with the machine's label, of those with an answer. */
  readonly agreement: { readonly agreed: number; readonly decided: number };
  /** Per batch (in the order batches were first audited): the batch's and the running figures. */
  readonly rows: readonly AuditRow[];
  readonly target: number;
  /** Two-sided error level of the intervals. */
  readonly alpha: number;
  /** Items drawn for audit, those people answered, those still waiting, and ties between people. */
  readonly drawn: number;
  readonly answered: number;
  readonly pending: number;
  readonly disputed: number;
  /** Rows whose batch or running figure is in alarm (its upper bound is below the target). */
  readonly alarms: readonly AuditRow[];
}

const CHUNK = 500;

/**
 * People's answer on one item: the label most of them gave (each person's newest vote counts
 * once); null on a tie, which says nothing about the machine.
 */
function peopleTally(votes: readonly Vote[]): Map<string, number> {
  const newest = new Map<string, Vote>();
  for (const vote of votes) {
    const seen = newest.get(vote.source);
    if (vote.label !== null && (!seen || vote.id > seen.id)) newest.set(vote.source, vote);
  }
  const tally = new Map<string, number>();
  for (const vote of newest.values()) {
    tally.set(vote.label as string, (tally.get(vote.label as string) ?? 0) + 1);
  }
  return tally;
}

function peopleAnswer(tally: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let top = 0;
  let tie = false;
  for (const [label, n] of tally) {
    if (n > top) {
      best = label;
      top = n;
      tie = false;
    } else if (n === top) tie = true;
  }
  return tie ? null : best;
}

/**
 * `hilo audit`: lists the items drawn for audit (`audit` runs; `buildQueue` puts them before
 * every other task) with people's answers so far, checks the accepted labels against those
 * answers (votes from `human:` sources), and estimates accepted-label
 * accuracy per batch and running, with Clopper–Pearson intervals (see `auditEstimate`). A batch
 * is in alarm when even its upper bound is below the target. The target and level default to
 * those of the newest route run.
 * @example const report = await auditAccuracy({ store }); report.alarms.length > 0
 * Complexity: O(audited items + their votes) store reads in chunks of 500.
 */
export async function auditAccuracy(options: {
  readonly store: Store;
  readonly target?: number;
  readonly alpha?: number;
}): Promise<AuditReport> {
  const { store } = options;
  const latest = runsOfKind(await store.listRuns({ kind: 'route' }), 'route').at(-1)?.config;
  const target = options.target ?? latest?.target;
  if (target === undefined) {
    throw new HiloError(
      'INVALID_INPUT',
      'no route run to take the target accuracy from: pass --target',
    );
  }
  const alpha = options.alpha ?? latest?.delta ?? 0.05;
  const audited = [...(await readAuditedItems(store)).values()];
  const batches = new Map<string, { first: string; audited: number; correct: number }>();
  for (const item of audited) {
    const batch = batches.get(item.batch);
    if (!batch) batches.set(item.batch, { first: item.startedAt, audited: 0, correct: 0 });
    else if (item.startedAt < batch.first) batch.first = item.startedAt;
  }
  let answered = 0;
  let disputed = 0;
  const items: AuditItemRow[] = [];
  for (let start = 0; start < audited.length; start += CHUNK) {
    const chunk: AuditedItem[] = audited.slice(start, start + CHUNK);
    const votes = await store.listVotes({
      itemIds: chunk.map((item) => item.id),
      sourcePrefix: 'human:',
    });
    const byItem = new Map<string, Vote[]>();
    for (const vote of votes) {
      const list = byItem.get(vote.itemId);
      if (list) list.push(vote);
      else byItem.set(vote.itemId, [vote]);
    }
    for (const item of chunk) {
      const mine = byItem.get(item.id);
      const tally = peopleTally(mine ?? []);
      const answer = peopleAnswer(tally);
      items.push({
        id: item.id,
        batch: item.batch,
        label: item.label,
        answers: Object.fromEntries(tally),
        answer,
        agrees: answer === null ? null : answer === item.label,
      });
      if (!mine || mine.length === 0) continue;
      answered++;
      if (answer === null) {
        disputed++;
        continue;
      }
      const batch = batches.get(item.batch);
      if (!batch) continue;
      batch.audited++;
      if (answer === item.label) batch.correct++;
    }
  }
  const ordered: AuditBatch[] = [...batches.entries()]
    .sort(([a, x], [b, y]) => x.first.localeCompare(y.first) || a.localeCompare(b))
    .map(([batch, figures]) => ({ batch, audited: figures.audited, correct: figures.correct }));
  const rows = auditEstimate({ batches: ordered, target, alpha });
  const decided = items.filter((item) => item.agrees !== null);
  return {
    items,
    agreement: { agreed: decided.filter((item) => item.agrees).length, decided: decided.length },
    rows,
    target,
    alpha,
    drawn: audited.length,
    answered,
    pending: audited.length - answered,
    disputed,
    alarms: rows.filter((row) => row.status === 'alarm' || row.cumulative.status === 'alarm'),
  };
}
