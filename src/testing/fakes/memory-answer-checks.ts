import { HiloError } from '../../core/errors.js';
import type {
  AnswerFlag,
  AnswerFlagCount,
  PredictedLabel,
} from '../../core/ports/answer-checks.js';
import type { LeaseRequest, QueueEntry } from '../../core/ports/people-store.js';

/** What flags may name. */
interface RowsThatExist {
  readonly hasItem: (id: string) => boolean;
  readonly hasAnnotator: (id: string) => boolean;
}

/**
 * Answer flags and predicted labels in memory, for MemoryPeopleStore: the same observable
 * behaviour as the SQL stores.
 * @example const checks = new MemoryAnswerChecks({ hasItem, hasAnnotator })
 * Complexity: O(flags) per count, O(open entries) per preferred pick.
 */
export class MemoryAnswerChecks {
  readonly #flags = new Map<string, AnswerFlag>();
  readonly #predicted = new Map<string, string>();
  readonly #exists: RowsThatExist;

  constructor(exists: RowsThatExist) {
    this.#exists = exists;
  }

  add(flags: readonly AnswerFlag[]): number {
    const missing = flags.find(
      (f) => !this.#exists.hasItem(f.itemId) || !this.#exists.hasAnnotator(f.annotatorId),
    );
    if (missing !== undefined) {
      throw new HiloError(
        'CONFLICT',
        `store addAnswerFlags: no item "${missing.itemId}" or annotator "${missing.annotatorId}"`,
      );
    }
    let added = 0;
    for (const flag of flags) {
      const id = JSON.stringify([flag.itemId, flag.annotatorId, flag.kind]);
      if (this.#flags.has(id)) continue;
      this.#flags.set(id, { ...flag });
      added++;
    }
    return added;
  }

  counts(): AnswerFlagCount[] {
    const counts = new Map<string, AnswerFlagCount>();
    for (const flag of this.#flags.values()) {
      const id = JSON.stringify([flag.annotatorId, flag.kind]);
      const seen = counts.get(id);
      counts.set(id, {
        annotatorId: flag.annotatorId,
        kind: flag.kind,
        count: (seen?.count ?? 0) + 1,
      });
    }
    return [...counts.values()].sort(
      (a, b) => compare(a.annotatorId, b.annotatorId) || compare(a.kind, b.kind),
    );
  }

  setPredicted(labels: readonly PredictedLabel[], queued: (id: string) => boolean): void {
    for (const { itemId, label } of labels) {
      if (!queued(itemId)) continue;
      if (label === null) this.#predicted.delete(itemId);
      else this.#predicted.set(itemId, label);
    }
  }

  /**
   * The entry skill matching leases from `open` (in lease order), or undefined when the request
   * prefers nothing or nothing is open.
   */
  preferred<T extends QueueEntry>(open: readonly T[], request: LeaseRequest): T | undefined {
    const labels = request.preferLabels ?? [];
    if (labels.length === 0 || request.goldLabel !== undefined) return undefined;
    const best = open[0];
    if (best === undefined) return undefined;
    const floor = best.priority - (request.preferWithin ?? 0);
    return (
      open.find(
        (e) => e.priority >= floor && labels.includes(this.#predicted.get(e.itemId) ?? '\u0000'),
      ) ?? best
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
