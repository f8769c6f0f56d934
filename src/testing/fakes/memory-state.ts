import type { Check } from '../../core/ports/check-store.js';
import type { DuplicateMark } from '../../core/ports/duplicate-store.js';
import type { HeldLock } from '../../core/ports/lock-store.js';
import type { Run } from '../../core/runs/run-records.js';
import type { Decision, Item, StoredModel, Vote } from '../../core/types.js';
import type { MemoryLabelLease, MemoryRunWorker } from './memory-label-work.js';

/** Everything a store holds; replaced wholesale to roll a transaction back. */
export interface State {
  items: Map<string, Item>;
  votes: Vote[];
  nextVoteId: number;
  decisions: Map<string, Decision>;
  runs: Map<string, Run>;
  models: Map<string, StoredModel[]>;
  cache: Map<string, string>;
  /** Keyed by model and text joined by a NUL. */
  embeddings: Map<string, Float32Array>;
  /** Expert checks by item id. */
  checks: Map<string, Check>;
  /** Named locks by name. */
  locks: Map<string, HeldLock>;
  /** Duplicate marks by item id. */
  duplicates: Map<string, DuplicateMark>;
  /** Label run workers and item leases (see memory-label-work.ts). */
  workers: Map<string, MemoryRunWorker>;
  leases: Map<string, MemoryLabelLease>;
}

export function emptyState(): State {
  return {
    items: new Map(),
    votes: [],
    nextVoteId: 1,
    decisions: new Map(),
    runs: new Map(),
    models: new Map(),
    cache: new Map(),
    embeddings: new Map(),
    checks: new Map(),
    locks: new Map(),
    duplicates: new Map(),
    workers: new Map(),
    leases: new Map(),
  };
}

/** Stored values are never mutated in place (writes replace them), so a shallow copy will do. */
export function copyState(state: State): State {
  return {
    items: new Map(state.items),
    votes: [...state.votes],
    nextVoteId: state.nextVoteId,
    decisions: new Map(state.decisions),
    runs: new Map(state.runs),
    models: new Map(state.models),
    cache: new Map(state.cache),
    embeddings: new Map(state.embeddings),
    checks: new Map(state.checks),
    locks: new Map(state.locks),
    duplicates: new Map(state.duplicates),
    workers: new Map(state.workers),
    leases: new Map(state.leases),
  };
}
