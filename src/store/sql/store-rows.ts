import type { Insertable, Selectable, Updateable } from 'kysely';
import { HiloError } from '../../core/errors.js';
import type { RunPatch } from '../../core/ports/store.js';
import { parseRun } from '../../core/runs/parse-run.js';
import type { Run } from '../../core/runs/run-records.js';
import type {
  ConfidenceMethod,
  DecidedBy,
  Decision,
  Distribution,
  Item,
  ItemRole,
  NewVote,
  StoredModel,
  Vote,
} from '../../core/types.js';
import type {
  DecisionsTable,
  ItemsTable,
  ModelsTable,
  RunsTable,
  VotesTable,
} from './store-database.js';

/*
 * Domain objects ⇄ table rows. The store wrote every row itself, so enum columns are trusted on
 * the way back; runs are the exception, checked against their kind's record (their JSON config
 * may come from another version of hilo). Integer columns go through Number() because
 * PostgreSQL returns bigint as text.
 */

/** Columns of `items` in the order of itemValues. */
export const ITEM_COLUMNS = [
  'id',
  'fields',
  'role',
  'batch',
  'gold_label',
  'created_at',
  'updated_at',
] as const;

/** An item as one row of values in ITEM_COLUMNS order, stamped `now` (bulk upserts take arrays). */
export function itemValues(item: Item, now: string): unknown[] {
  return [item.id, JSON.stringify(item.fields), item.role, item.batch, item.goldLabel, now, now];
}

export function rowToItem(row: Selectable<ItemsTable>): Item {
  return {
    id: row.id,
    fields: JSON.parse(row.fields) as Item['fields'],
    role: row.role as ItemRole,
    batch: row.batch,
    goldLabel: row.gold_label,
  };
}

export function voteToRow(vote: NewVote): Insertable<VotesTable> {
  return {
    item_id: vote.itemId,
    source: vote.source,
    label: vote.label,
    probabilities: jsonOrNull(vote.probabilities),
    method: vote.method,
    other_mass: vote.otherMass,
    verbalized: vote.verbalized,
    rationale: vote.rationale,
    abstain_reason: vote.abstainReason,
    run_id: vote.runId,
    tokens_in: vote.tokensIn,
    tokens_out: vote.tokensOut,
    cost_usd: vote.costUsd,
    latency_ms: vote.latencyMs,
    time_spent_ms: vote.timeSpentMs,
    created_at: vote.createdAt,
  };
}

/** Columns of a vote row as inserted (for parameter chunking). */
export const VOTE_INSERT_COLUMNS = 16;

export function rowToVote(row: Selectable<VotesTable>): Vote {
  return {
    id: Number(row.id),
    itemId: row.item_id,
    source: row.source,
    label: row.label,
    probabilities: parseOrNull<Distribution>(row.probabilities),
    method: row.method as ConfidenceMethod,
    otherMass: Number(row.other_mass),
    verbalized: numberOrNull(row.verbalized),
    rationale: row.rationale,
    abstainReason: row.abstain_reason,
    runId: row.run_id,
    tokensIn: Number(row.tokens_in),
    tokensOut: Number(row.tokens_out),
    costUsd: Number(row.cost_usd),
    latencyMs: Number(row.latency_ms),
    timeSpentMs: numberOrNull(row.time_spent_ms),
    createdAt: row.created_at,
  };
}

/** Columns of `decisions` in the order of decisionValues. */
export const DECISION_COLUMNS = [
  'item_id',
  'label',
  'confidence',
  'probabilities',
  'decided_by',
  'source',
  'vote_ids',
  'zone',
  'updated_at',
] as const;

export function decisionValues(decision: Decision): unknown[] {
  return [
    decision.itemId,
    decision.label,
    decision.confidence,
    jsonOrNull(decision.probabilities),
    decision.decidedBy,
    decision.source,
    // Vote ids are integers: joined, they are their JSON array, without JSON.stringify's walk.
    `[${decision.voteIds.join(',')}]`,
    decision.zone,
    decision.updatedAt,
  ];
}

export function rowToDecision(row: Selectable<DecisionsTable>): Decision {
  return {
    itemId: row.item_id,
    label: row.label,
    confidence: numberOrNull(row.confidence),
    probabilities: parseOrNull<Distribution>(row.probabilities),
    decidedBy: row.decided_by as DecidedBy,
    source: row.source,
    voteIds: JSON.parse(row.vote_ids) as number[],
    zone: row.zone as Decision['zone'],
    updatedAt: row.updated_at,
  };
}

export function runToRow(run: Run): Insertable<RunsTable> {
  return {
    id: run.id,
    kind: run.kind,
    config: JSON.stringify(run.config),
    status: run.status,
    items_done: run.itemsDone,
    items_failed: run.itemsFailed,
    tokens_in: run.tokensIn,
    tokens_out: run.tokensOut,
    cost_usd: run.costUsd,
    started_at: run.startedAt,
    ended_at: run.endedAt,
  };
}

/** Only the fields present in the patch become SET clauses. */
export function runPatchToRow(patch: RunPatch): Updateable<RunsTable> {
  const row: Updateable<RunsTable> = {};
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.itemsDone !== undefined) row.items_done = patch.itemsDone;
  if (patch.itemsFailed !== undefined) row.items_failed = patch.itemsFailed;
  if (patch.tokensIn !== undefined) row.tokens_in = patch.tokensIn;
  if (patch.tokensOut !== undefined) row.tokens_out = patch.tokensOut;
  if (patch.costUsd !== undefined) row.cost_usd = patch.costUsd;
  if (patch.endedAt !== undefined) row.ended_at = patch.endedAt;
  if (patch.config !== undefined) row.config = JSON.stringify(patch.config);
  return row;
}

/** A run row back as a typed run, checked once here (see `parseRun`). */
export function rowToRun(row: Selectable<RunsTable>): Run {
  let config: unknown;
  try {
    config = JSON.parse(row.config);
  } catch (error) {
    throw new HiloError(
      'INTERNAL',
      `stored run "${row.id}" is malformed: config is not JSON`,
      undefined,
      {
        cause: error,
      },
    );
  }
  return parseRun({
    id: row.id,
    kind: row.kind,
    config,
    status: row.status,
    itemsDone: Number(row.items_done),
    itemsFailed: Number(row.items_failed),
    tokensIn: Number(row.tokens_in),
    tokensOut: Number(row.tokens_out),
    costUsd: Number(row.cost_usd),
    startedAt: row.started_at,
    endedAt: row.ended_at,
  });
}

export function rowToModel(row: Selectable<ModelsTable>): StoredModel {
  return {
    name: row.name,
    version: Number(row.version),
    payload: row.payload,
    metrics: JSON.parse(row.metrics) as StoredModel['metrics'],
    trainedOn: Number(row.trained_on),
    createdAt: row.created_at,
  };
}

function jsonOrNull(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

function parseOrNull<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}
