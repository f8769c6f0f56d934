import { HiloError } from '../../core/errors.js';
import type { Check, CheckWeight, NewCheck } from '../../core/ports/check-store.js';

/**
 * The `CheckStore` methods of the memory store over its map of checks by item id, with the SQL
 * stores' refusals: a drawn item drawn again is CONFLICT, an item not stored CONFLICT (the foreign
 * key), an id never drawn NOT_FOUND; each refusal leaves the map as it was.
 * @example const checks = memoryChecks(() => state.checks, (id) => state.items.has(id))
 * Complexity: O(checks) per call.
 */
export function memoryChecks(
  checks: () => Map<string, Check>,
  hasItem: (id: string) => boolean,
): {
  add(added: readonly NewCheck[]): void;
  reweigh(weights: readonly CheckWeight[]): void;
  list(query: { readonly labelled?: boolean }): Check[];
  label(labels: readonly { itemId: string; label: string }[], by: string, at: string): void;
} {
  const requireDrawn = (ids: readonly string[]): void => {
    const missing = ids.find((id) => !checks().has(id));
    if (missing !== undefined) {
      throw new HiloError('NOT_FOUND', `item "${missing}" was never drawn for a check`, {
        field: 'id',
      });
    }
  };
  return {
    add(added) {
      const seen = new Set<string>();
      for (const check of added) {
        if (seen.has(check.itemId) || checks().has(check.itemId)) {
          throw new HiloError('CONFLICT', `item "${check.itemId}" is already drawn for a check`);
        }
        if (!hasItem(check.itemId)) {
          throw new HiloError('CONFLICT', `store addChecks: no item "${check.itemId}"`);
        }
        seen.add(check.itemId);
      }
      for (const check of added) {
        checks().set(check.itemId, { ...check, label: null, labelledBy: null, labelledAt: null });
      }
    },
    reweigh(weights) {
      requireDrawn(weights.map((w) => w.itemId));
      for (const w of weights) {
        const check = checks().get(w.itemId) as Check;
        checks().set(w.itemId, {
          ...check,
          stratum: w.stratum,
          stratumSize: w.stratumSize,
          probability: w.probability,
        });
      }
    },
    list(query) {
      return [...checks().values()]
        .filter((c) => query.labelled === undefined || query.labelled === (c.label !== null))
        .map((c) => ({ ...c }));
    },
    label(labels, by, at) {
      requireDrawn(labels.map((l) => l.itemId));
      for (const { itemId, label } of labels) {
        const check = checks().get(itemId) as Check;
        if (check.label === label) continue;
        checks().set(itemId, { ...check, label, labelledBy: by, labelledAt: at });
      }
    },
  };
}
