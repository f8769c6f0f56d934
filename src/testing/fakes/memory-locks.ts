import type { HeldLock, LockRequest } from '../../core/ports/lock-store.js';

/**
 * The `LockStore` methods of the memory store over its map of locks by name, with the SQL
 * stores' rules: a lock is taken when free, lapsed (`expiresAt` ≤ now) or the owner's own
 * (`since` kept), renewed and released only by its owner.
 * @example const locks = memoryLocks(() => state.locks)
 * Complexity: O(1) per call.
 */
export function memoryLocks(locks: () => Map<string, HeldLock>): {
  acquire(request: LockRequest): HeldLock;
  renew(name: string, owner: string, expiresAt: string): boolean;
  release(name: string, owner: string): void;
  get(name: string): HeldLock | undefined;
} {
  return {
    acquire({ name, owner, holder, now, expiresAt }) {
      const held = locks().get(name);
      if (held !== undefined && held.owner !== owner && held.expiresAt > now) return { ...held };
      const since = held !== undefined && held.owner === owner ? held.since : now;
      const taken = { name, owner, holder, since, expiresAt };
      locks().set(name, taken);
      return { ...taken };
    },
    renew(name, owner, expiresAt) {
      const held = locks().get(name);
      if (held === undefined || held.owner !== owner) return false;
      locks().set(name, { ...held, expiresAt });
      return true;
    },
    release(name, owner) {
      if (locks().get(name)?.owner === owner) locks().delete(name);
    },
    get(name) {
      const held = locks().get(name);
      return held && { ...held };
    },
  };
}
