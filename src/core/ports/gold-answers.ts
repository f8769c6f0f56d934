/**
 * A person's first answer to a gold item (a control or an exam item): the one that is scored.
 * Kept once per (annotator, item); undoing and answering again never changes it.
 */
export interface GoldAnswer {
  readonly annotatorId: string;
  readonly itemId: string;
  readonly kind: 'control' | 'exam';
  /** The label the person gave first. */
  readonly label: string;
  /** The item's gold label when the answer was scored. */
  readonly goldLabel: string;
  /** As scored; true also after an upheld appeal. */
  readonly correct: boolean;
  /** ISO-8601. */
  readonly answeredAt: string;
}

export type AppealState = 'open' | 'upheld' | 'rejected';

/** A person's objection to how one of their gold answers was scored, and its settlement. */
export interface Appeal {
  readonly id: number;
  readonly annotatorId: string;
  readonly itemId: string;
  readonly comment: string;
  readonly state: AppealState;
  /** The reviewer's note when settled. */
  readonly note: string | null;
  readonly createdAt: string;
  readonly settledAt: string | null;
  /** The reviewer who settled it. */
  readonly settledBy: string | null;
}

export interface NewAppeal {
  readonly annotatorId: string;
  readonly itemId: string;
  readonly comment: string;
  readonly createdAt: string;
}

export interface AppealSettlement {
  readonly id: number;
  readonly state: 'upheld' | 'rejected';
  readonly note: string;
  readonly settledBy: string;
  readonly settledAt: string;
}

export interface GoldAnswerQuery {
  readonly annotatorId?: string;
  readonly itemId?: string;
  readonly kind?: GoldAnswer['kind'];
  /** Only answers given at or after this ISO-8601 time. */
  readonly since?: string;
}

/**
 * The scored first answers to gold items and the appeals against them; part of `PeopleStore`.
 * Every method is atomic on its own.
 */
export interface GoldAnswerStore {
  /**
   * Keeps the answer unless one is already kept for its (annotator, item); returns the kept one
   * and whether it is this one.
   */
  recordGoldAnswer(
    answer: GoldAnswer,
  ): Promise<{ readonly kept: GoldAnswer; readonly first: boolean }>;
  /** Oldest first (by answer time, then item id). */
  listGoldAnswers(query: GoldAnswerQuery): Promise<GoldAnswer[]>;
  /** NOT_FOUND without a kept gold answer; CONFLICT when that answer already has an appeal. */
  createAppeal(appeal: NewAppeal): Promise<Appeal>;
  /** Oldest first. */
  listAppeals(query: {
    readonly state?: AppealState;
    readonly annotatorId?: string;
  }): Promise<Appeal[]>;
  /**
   * Settles an open appeal; upholding it marks the gold answer correct in the same transaction.
   * NOT_FOUND for an unknown id, CONFLICT when it is already settled.
   */
  settleAppeal(settlement: AppealSettlement): Promise<Appeal>;
}
