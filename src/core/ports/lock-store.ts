/**
 * A named lock as stored: who holds it and until when. A lock whose `expiresAt` has passed is
 * free for anyone to take, so a holder that was killed blocks others only until then.
 */
export interface HeldLock {
  readonly name: string;
  /** Unique per holding process (it includes a random part), so a restarted process is another owner. */
  readonly owner: string;
  /** Who holds it, in words for people: `pid 4242 on host web-1`. */
  readonly holder: string;
  /** ISO-8601: when this owner took it (renewals keep it). */
  readonly since: string;
  /** ISO-8601: when it lapses unless renewed. */
  readonly expiresAt: string;
}

/** A request to take (or renew by taking again) a named lock at time `now`. */
export interface LockRequest {
  readonly name: string;
  readonly owner: string;
  readonly holder: string;
  /** ISO-8601. */
  readonly now: string;
  /** ISO-8601, after `now`. */
  readonly expiresAt: string;
}

/**
 * Named locks with a holder and an expiry (`locks` table), for work that must run once per
 * project database at a time, such as training (`hilo learn`). Times come from the caller, so
 * every process compares against the same stored ISO-8601 instants.
 */
export interface LockStore {
  /**
   * Takes `name` for `owner` unless another owner holds it with `expiresAt` after `now`, in one
   * atomic step. Returns the lock as stored after the call: taken when its `owner` is the
   * request's. Taking a lock one already holds renews it (its `since` stays).
   */
  acquireLock(request: LockRequest): Promise<HeldLock>;
  /**
   * Moves the expiry of a lock `owner` holds to `expiresAt`; false when it holds it no longer
   * (released, or lapsed and taken by another).
   */
  renewLock(name: string, owner: string, expiresAt: string): Promise<boolean>;
  /** Gives the lock up if `owner` holds it; otherwise does nothing. */
  releaseLock(name: string, owner: string): Promise<void>;
  /** The lock as stored (lapsed or not), or undefined when nobody took it or it was released. */
  getLock(name: string): Promise<HeldLock | undefined>;
}
