import type { Annotator, RecentVote } from '../core/ports/people-store.js';

/** How the cache learns that the database changed behind it. */
export interface ChangeProbe {
  /** Rows changed through this connection so far (SQLite total_changes()). */
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
 * rules read no rows: annotators (by id and by token hash), sessions, and each source's newest
 * votes. Everything is dropped as soon as the database changed other than through the store
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
  readonly #sessions = new Map<string, { annotatorId: string; expiresAt: string }>();
  readonly #windows = new Map<string, CachedWindow>();

  constructor(probe: ChangeProbe) {
    this.#probe = probe;
  }

  /** Call before reading the cache or writing: forgets everything if someone else wrote. */
  validate(): void {
    const changes = this.#probe.changes();
    if (changes !== this.#changes) {
      this.clear();
      this.#changes = changes;
    }
    const now = this.#probe.now();
    if (now - this.#probedAt < VERSION_EVERY_MS) return;
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
    this.#annotators.set(annotator.id, { annotator, tokenHash });
    this.#tokens.set(tokenHash, annotator.id);
  }

  session(tokenHash: string): { annotatorId: string; expiresAt: string } | undefined {
    return this.#sessions.get(tokenHash);
  }

  putSession(tokenHash: string, annotatorId: string, expiresAt: string): void {
    this.#sessions.set(tokenHash, { annotatorId, expiresAt });
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
    this.#windows.set(source, { votes: votes.slice(0, limit), limit });
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
}
