import type {
  Annotator,
  Assignment,
  QueueEntry,
  QueueKind,
  RecentVote,
} from '../../core/ports/people-store.js';
import type { Item, Vote } from '../../core/types.js';

/** How the cache learns that the database changed behind it. */
export interface ChangeProbe {
  /**
   * Moves when this connection changed the database other than through the people store (SQLite
   * total_changes(), or a count of the other writers' statements).
   */
  changes(): number;
  /** Moves when another connection commits (SQLite's data_version). */
  version(): number;
  /** Milliseconds, for spacing the version probe. */
  now(): number;
}

/**
 * Reading data_version outside a transaction costs about as much as a small query, so it is read
 * at most once per this many milliseconds: another process's change is seen within it.
 */
const VERSION_EVERY_MS = 1;

/** Entries each map may hold before it starts afresh: bounds memory under forged tokens. */
const CAPACITY = 50_000;

/** A session, or null when the token hash is known not to be one. */
export type CachedSession = { readonly annotatorId: string; readonly expiresAt: string } | null;

interface CachedAnnotator {
  readonly annotator: Annotator;
  readonly tokenHash: string;
}

interface CachedWindow {
  /** Newest first; when shorter than `limit`, every vote of the source. */
  readonly votes: RecentVote[];
  readonly limit: number;
}

/**
 * What the SQLite people store keeps in memory so that authenticating a request and checking the
 * rules read no rows: annotators (by id and by token hash), sessions (and tokens that are none),
 * each source's newest votes, assignments, queue entries and short queue lists, and for the serving
 * store's reads, items and each item's votes. Everything is dropped as soon as the database changed other than through the store
 * itself: another writer on this connection ran (total_changes moved since the store's own last
 * write; checked on every call) or another connection committed (data_version moved; checked at
 * most every millisecond). So a suspension made in this process is seen by the next request, and
 * one made by another process within a millisecond.
 * @example cache.validate(); const hit = cache.annotatorById(id)
 * Complexity: O(1) per lookup; validate reads one or two counters.
 */
export class PeopleCache {
  readonly #probe: ChangeProbe;
  #changes = -1;
  #version = -1;
  #probedAt = -Infinity;
  readonly #annotators = new Map<string, CachedAnnotator>();
  /** Token hash → annotator id. */
  readonly #tokens = new Map<string, string>();
  readonly #sessions = new Map<string, CachedSession>();
  readonly #windows = new Map<string, CachedWindow>();
  /** By `${itemId}\n${annotatorId}`; null when there is none. */
  readonly #assignments = new Map<string, Assignment | null>();
  readonly #entries = new Map<string, QueueEntry | null>();
  /** listQueue results by query, with the kinds they hold (every kind when unfiltered). */
  readonly #lists = new Map<string, { kind: QueueKind | null; entries: QueueEntry[] }>();
  readonly #items = new Map<string, Item | null>();
  /** Every vote of an item, oldest first. */
  readonly #itemVotes = new Map<string, Vote[]>();

  constructor(probe: ChangeProbe) {
    this.#probe = probe;
  }

  /**
   * Call before reading the cache or writing: forgets everything if someone else wrote. `fresh`
   * reads the version however recently it was read (cheap inside a transaction).
   */
  validate(fresh = false): void {
    const changes = this.#probe.changes();
    if (changes !== this.#changes) {
      this.clear();
      this.#changes = changes;
    }
    const now = this.#probe.now();
    if (!fresh && now - this.#probedAt < VERSION_EVERY_MS) return;
    this.#probedAt = now;
    const version = this.#probe.version();
    if (version !== this.#version) {
      this.clear();
      this.#version = version;
    }
  }

  /**
   * Call after the store's own write (validated before it): the cache already reflects it. Own
   * writes do not move data_version, so another process's commit is still noticed.
   */
  settle(): void {
    this.#changes = this.#probe.changes();
  }

  clear(): void {
    this.#annotators.clear();
    this.#tokens.clear();
    this.#sessions.clear();
    this.#windows.clear();
    this.#assignments.clear();
    this.#entries.clear();
    this.#lists.clear();
    this.#items.clear();
    this.#itemVotes.clear();
  }

  annotatorById(id: string): Annotator | undefined {
    return this.#annotators.get(id)?.annotator;
  }

  annotatorIdByToken(tokenHash: string): string | undefined {
    return this.#tokens.get(tokenHash);
  }

  putAnnotator(annotator: Annotator, tokenHash: string): void {
    const before = this.#annotators.get(annotator.id);
    if (before !== undefined && before.tokenHash !== tokenHash)
      this.#tokens.delete(before.tokenHash);
    bounded(this.#annotators).set(annotator.id, { annotator, tokenHash });
    bounded(this.#tokens).set(tokenHash, annotator.id);
  }

  /** undefined: not known; null: known not to be a session. */
  session(tokenHash: string): CachedSession | undefined {
    return this.#sessions.get(tokenHash);
  }

  putSession(tokenHash: string, session: CachedSession): void {
    bounded(this.#sessions).set(tokenHash, session);
  }

  deleteSession(tokenHash: string): void {
    this.#sessions.delete(tokenHash);
  }

  /** The newest `limit` votes of a source, when the cached window covers them. */
  recentVotes(source: string, limit: number): RecentVote[] | undefined {
    const window = this.#windows.get(source);
    if (window === undefined || limit > window.limit) return undefined;
    return window.votes.slice(0, limit);
  }

  /** Remembers what the store read: `votes` are the newest `limit` (fewer when that is all). */
  putWindow(source: string, votes: readonly RecentVote[], limit: number): void {
    bounded(this.#windows).set(source, { votes: votes.slice(0, limit), limit });
  }

  /** A vote just stored: it is the newest of its source. */
  addVote(source: string, vote: RecentVote): void {
    const window = this.#windows.get(source);
    if (window === undefined) return;
    window.votes.unshift(vote);
    if (window.votes.length > window.limit) window.votes.pop();
  }

  /** A vote deleted: windows may now miss an older vote, so they are read again. */
  dropWindows(): void {
    this.#windows.clear();
  }

  /** undefined: not known; null: known not to exist. */
  assignment(itemId: string, annotatorId: string): Assignment | null | undefined {
    return this.#assignments.get(`${itemId}\n${annotatorId}`);
  }

  putAssignment(itemId: string, annotatorId: string, assignment: Assignment | null): void {
    bounded(this.#assignments).set(`${itemId}\n${annotatorId}`, assignment);
  }

  forgetAssignment(itemId: string, annotatorId: string): void {
    this.#assignments.delete(`${itemId}\n${annotatorId}`);
  }

  /** undefined: not known; null: known not to be queued. */
  queueEntry(itemId: string): QueueEntry | null | undefined {
    return this.#entries.get(itemId);
  }

  putQueueEntry(itemId: string, entry: QueueEntry | null): void {
    bounded(this.#entries).set(itemId, entry);
  }

  queueList(key: string): QueueEntry[] | undefined {
    return this.#lists.get(key)?.entries;
  }

  putQueueList(key: string, kind: QueueKind | null, entries: QueueEntry[]): void {
    bounded(this.#lists).set(key, { kind, entries });
  }

  /** Queue entries of `kind` changed: forget them and every list that may hold them. */
  queueChanged(itemIds: readonly string[], kind: QueueKind | undefined): void {
    for (const itemId of itemIds) this.#entries.delete(itemId);
    for (const [key, list] of this.#lists) {
      if (kind === undefined || list.kind === null || list.kind === kind) this.#lists.delete(key);
    }
  }

  /** undefined: not known; null: known not to exist. */
  item(id: string): Item | null | undefined {
    return this.#items.get(id);
  }

  putItem(id: string, item: Item | null): void {
    bounded(this.#items).set(id, item);
  }

  itemVotes(itemId: string): Vote[] | undefined {
    return this.#itemVotes.get(itemId);
  }

  /** Remembers every vote of an item, as just read. */
  putItemVotes(itemId: string, votes: Vote[]): void {
    bounded(this.#itemVotes).set(itemId, votes);
  }

  /** A vote just stored: the newest of its item. */
  addItemVote(vote: Vote): void {
    this.#itemVotes.get(vote.itemId)?.push(vote);
  }

  /** A vote of the item was deleted. */
  dropItemVotes(itemId: string): void {
    this.#itemVotes.delete(itemId);
  }
}

/** The map, emptied first when full. */
function bounded<K, V>(map: Map<K, V>): Map<K, V> {
  if (map.size >= CAPACITY) map.clear();
  return map;
}
