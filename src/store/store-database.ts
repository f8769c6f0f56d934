import type { Generated } from 'kysely';

/**
 * The tables of the store as Kysely sees them. JSON columns are text in both dialects (parsed in
 * `store-rows.ts`), timestamps are ISO-8601 text, so SQLite and PostgreSQL hold the same values.
 */
export interface StoreDatabase {
  items: ItemsTable;
  votes: VotesTable;
  decisions: DecisionsTable;
  runs: RunsTable;
  models: ModelsTable;
  llm_cache: LlmCacheTable;
}

export interface ItemsTable {
  id: string;
  fields: string;
  role: string;
  batch: string | null;
  gold_label: string | null;
  created_at: string;
  updated_at: string;
}

/** Integer columns may come back as strings from PostgreSQL `bigint`, hence `number | string`. */
export interface VotesTable {
  id: Generated<number | string>;
  item_id: string;
  source: string;
  label: string | null;
  probabilities: string | null;
  method: string;
  other_mass: number;
  verbalized: number | null;
  rationale: string | null;
  abstain_reason: string | null;
  run_id: string | null;
  tokens_in: number | string;
  tokens_out: number | string;
  cost_usd: number;
  latency_ms: number;
  time_spent_ms: number | null;
  created_at: string;
}

export interface DecisionsTable {
  item_id: string;
  label: string | null;
  confidence: number | null;
  probabilities: string | null;
  decided_by: string;
  source: string;
  vote_ids: string;
  zone: string | null;
  updated_at: string;
}

export interface RunsTable {
  id: string;
  kind: string;
  config: string;
  status: string;
  items_done: number | string;
  items_failed: number | string;
  tokens_in: number | string;
  tokens_out: number | string;
  cost_usd: number;
  started_at: string;
  ended_at: string | null;
}

export interface ModelsTable {
  name: string;
  version: number;
  payload: string;
  metrics: string;
  trained_on: number | string;
  created_at: string;
}

export interface LlmCacheTable {
  key: string;
  value: string;
  created_at: string;
}
