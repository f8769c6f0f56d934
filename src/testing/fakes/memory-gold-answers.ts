import { HiloError } from '../../core/errors.js';
import type {
  Appeal,
  AppealSettlement,
  AppealState,
  GoldAnswer,
  GoldAnswerQuery,
  GoldAnswerStore,
  NewAppeal,
} from '../../core/ports/gold-answers.js';

/**
 * The gold answers and appeals of the memory people store; `known` says whether an annotator and
 * an item exist, as the SQL stores' foreign keys do.
 * @example new MemoryGoldAnswers((annotatorId, itemId) => true)
 * Complexity: lists scan every row, O(n log n).
 */
export class MemoryGoldAnswers implements GoldAnswerStore {
  readonly #known: (annotatorId: string, itemId: string) => boolean;
  readonly #answers = new Map<string, GoldAnswer>();
  readonly #appeals: Appeal[] = [];

  constructor(known: (annotatorId: string, itemId: string) => boolean) {
    this.#known = known;
  }

  async recordGoldAnswer(answer: GoldAnswer): Promise<{ kept: GoldAnswer; first: boolean }> {
    const key = answerKey(answer.annotatorId, answer.itemId);
    const before = this.#answers.get(key);
    if (before !== undefined) return { kept: { ...before }, first: false };
    if (!this.#known(answer.annotatorId, answer.itemId)) {
      throw new HiloError(
        'CONFLICT',
        `store recordGoldAnswer: no item "${answer.itemId}" or annotator`,
      );
    }
    this.#answers.set(key, { ...answer });
    return { kept: { ...answer }, first: true };
  }

  async listGoldAnswers(query: GoldAnswerQuery): Promise<GoldAnswer[]> {
    return [...this.#answers.values()]
      .filter(
        (a) =>
          (query.annotatorId === undefined || a.annotatorId === query.annotatorId) &&
          (query.itemId === undefined || a.itemId === query.itemId) &&
          (query.kind === undefined || a.kind === query.kind) &&
          (query.since === undefined || a.answeredAt >= query.since),
      )
      .sort(
        (a, b) =>
          compare(a.answeredAt, b.answeredAt) ||
          compare(a.itemId, b.itemId) ||
          compare(a.annotatorId, b.annotatorId),
      )
      .map((a) => ({ ...a }));
  }

  async createAppeal(appeal: NewAppeal): Promise<Appeal> {
    if (!this.#answers.has(answerKey(appeal.annotatorId, appeal.itemId))) {
      throw new HiloError('NOT_FOUND', `no scored answer on item "${appeal.itemId}" to appeal`);
    }
    if (
      this.#appeals.some((a) => a.annotatorId === appeal.annotatorId && a.itemId === appeal.itemId)
    ) {
      throw new HiloError('CONFLICT', `the answer on item "${appeal.itemId}" is already appealed`);
    }
    const created: Appeal = {
      ...appeal,
      id: this.#appeals.length + 1,
      state: 'open',
      note: null,
      settledAt: null,
      settledBy: null,
    };
    this.#appeals.push(created);
    return { ...created };
  }

  async listAppeals(query: {
    readonly state?: AppealState;
    readonly annotatorId?: string;
  }): Promise<Appeal[]> {
    return this.#appeals
      .filter(
        (a) =>
          (query.state === undefined || a.state === query.state) &&
          (query.annotatorId === undefined || a.annotatorId === query.annotatorId),
      )
      .map((a) => ({ ...a }));
  }

  async settleAppeal(settlement: AppealSettlement): Promise<Appeal> {
    const index = this.#appeals.findIndex((a) => a.id === settlement.id);
    const appeal = this.#appeals[index];
    if (appeal === undefined)
      throw new HiloError('NOT_FOUND', `appeal ${settlement.id} does not exist`);
    if (appeal.state !== 'open')
      throw new HiloError('CONFLICT', `appeal ${settlement.id} is already ${appeal.state}`);
    const settled: Appeal = {
      ...appeal,
      state: settlement.state,
      note: settlement.note,
      settledAt: settlement.settledAt,
      settledBy: settlement.settledBy,
    };
    this.#appeals[index] = settled;
    if (settlement.state === 'upheld') {
      const key = answerKey(appeal.annotatorId, appeal.itemId);
      const answer = this.#answers.get(key);
      if (answer !== undefined) this.#answers.set(key, { ...answer, correct: true });
    }
    return { ...settled };
  }
}

function answerKey(annotatorId: string, itemId: string): string {
  return JSON.stringify([annotatorId, itemId]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
