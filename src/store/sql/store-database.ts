import type { Generated } from 'kysely';

/**
 * The tables of the store as Kysely sees them. JSON columns are text in both dialects (parsed in
 * `store-rows.ts`), timestamps are ISO-8601 text, so SQLite and PostgreSQL hold the same values.
 */
export interface StoreDatabase {
  items: ItemsTable;
  duplicates: DuplicatesTable;
  votes: VotesTable;
  decisions: DecisionsTable;
  runs: RunsTable;
  models: ModelsTable;
  llm_cache: LlmCacheTable;
  embeddings: EmbeddingsTable;
  annotators: AnnotatorsTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  queue: QueueTable;
  assignments: AssignmentsTable;
  gold_answers: GoldAnswersTable;
  appeals: AppealsTable;
  item_comments: ItemCommentsTable;
  answer_flags: AnswerFlagsTable;
  checks: ChecksTable;
  locks: LocksTable;
  run_workers: RunWorkersTable;
  label_leases: LabelLeasesTable;
}

/** Expert checks drawn from the pool (`0011_checks`). */
export interface ChecksTable {
  item_id: string;
  draw: number | string;
  stratum: string;
  stratum_size: number | string;
  probability: number;
  label: string | null;
  labelled_by: string | null;
  labelled_at: string | null;
  drawn_at: string;
}

export interface DuplicatesTable {
  item_id: string;
  duplicate_of: string;
  similarity: number;
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

export interface EmbeddingsTable {
  model: string;
  /** sha256 of the text, hex. */
  text_hash: string;
  dimensions: number;
  /** Little-endian float32s; better-sqlite3 and pg return a Buffer, PGlite a Uint8Array. */
  vector: Uint8Array;
  created_at: string;
}

export interface AnnotatorsTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  state: string;
  created_at: string;
  suspended_reason: string | null;
  flagged_reason: string | null;
  controls_seen: number | string;
  controls_correct: number | string;
  discounted: number;
  rules_since: string | null;
}

export interface InvitationsTable {
  token_hash: string;
  annotator_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  annotator_id: string;
  expires_at: string;
}

export interface QueueTable {
  item_id: string;
  kind: string;
  zone: string | null;
  priority: number;
  overlap: number;
  taken: Generated<number>;
  gold_label: string | null;
  review_reason: string | null;
  predicted_label: Generated<string | null>;
}

export interface AnswerFlagsTable {
  item_id: string;
  annotator_id: string;
  kind: string;
  reason: string;
  created_at: string;
}

export interface AssignmentsTable {
  item_id: string;
  annotator_id: string;
  kind: string;
  leased_at: string;
  expires_at: string;
  state: string;
  vote_id: number | string | null;
}

export interface GoldAnswersTable {
  annotator_id: string;
  item_id: string;
  kind: string;
  label: string;
  gold_label: string;
  correct: number;
  answered_at: string;
}

export interface AppealsTable {
  id: Generated<number | string>;
  annotator_id: string;
  item_id: string;
  comment: string;
  state: string;
  note: string | null;
  created_at: string;
  settled_at: string | null;
  settled_by: string | null;
}

export interface ItemCommentsTable {
  item_id: string;
  annotator_id: string;
  text: string;
  created_at: string;
}

/** Named locks with a holder and an expiry (`0013_locks`). */
export interface LocksTable {
  name: string;
  owner: string;
  holder: string;
  since: string;
  expires_at: string;
}

/** One `hilo label` process on a run; `expires_at` (ms since the epoch) moves with each heartbeat. */
export interface RunWorkersTable {
  run_id: string;
  worker: string;
  started_at: string;
  beat_at: number | string;
  expires_at: number | string;
  ended_at: string | null;
}

/** An item held by a label worker for a vote source until `expires_at` (ms since the epoch). */
export interface LabelLeasesTable {
  source: string;
  item_id: string;
  run_id: string;
  worker: string;
  expires_at: number | string;
}
