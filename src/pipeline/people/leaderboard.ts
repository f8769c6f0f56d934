import type { LeaderboardSetting } from '../../core/project.js';
import type { PayPeriod } from '../../core/pay/pay-period.js';
import type { PersonPay } from './pay-report.js';

/** A person's place on the leaderboard. */
export interface RankedPerson extends PersonPay {
  /** 1 for the best; people with equal scores share a rank (1, 2, 2, 4). */
  readonly rank: number;
  readonly score: number;
}

/** A row as an annotator sees it: names only as the project allows. */
export interface PublicRow {
  readonly rank: number;
  /** Null when the project keeps other people anonymous. */
  readonly name: string | null;
  readonly you: boolean;
  readonly answers: number;
  readonly controlAccuracy: number | null;
  readonly score: number;
}

/** The leaderboard an annotator sees. */
export interface AnnotatorLeaderboard {
  readonly mode: LeaderboardSetting;
  readonly period: PayPeriod;
  /** The best `size` people; empty when the leaderboard is off. */
  readonly top: readonly PublicRow[];
  /** The caller's own row, also when outside the top; null without answers in the period. */
  readonly you: PublicRow | null;
  /** People ranked. */
  readonly ranked: number;
}

/** Rows an annotator sees. */
export const LEADERBOARD_SIZE = 10;

/**
 * The quality-weighted score: answers × the lower end of the 95% Wilson interval of first-answer
 * control accuracy, so volume counts only as far as quality has been shown (no controls yet: 0).
 * @example leaderboardScore({ answers: 100, controlInterval: { low: 0.764, high: 0.991 } }) // 76.4
 * Complexity: O(1).
 */
export function leaderboardScore(person: Pick<PersonPay, 'answers' | 'controlInterval'>): number {
  return person.answers * person.controlInterval.low;
}

/**
 * People by score, best first (ties: more answers, then name), with competition ranks.
 * @example rankPeople(report.people)[0].rank // 1
 * Complexity: O(n log n).
 */
export function rankPeople(people: readonly PersonPay[]): RankedPerson[] {
  const scored = people
    .map((p) => ({ ...p, rank: 0, score: leaderboardScore(p) }))
    .sort((a, b) => b.score - a.score || b.answers - a.answers || a.name.localeCompare(b.name));
  const ranked: RankedPerson[] = [];
  scored.forEach((p, i) => {
    const previous = ranked[i - 1];
    ranked.push({
      ...p,
      rank: previous !== undefined && previous.score === p.score ? previous.rank : i + 1,
    });
  });
  return ranked;
}

/**
 * What annotator `me` sees: the top `LEADERBOARD_SIZE` and their own row; other people's names
 * only when the setting is `names`, no rows at all when it is `off`; never ids or pay.
 * @example annotatorLeaderboard(ranked, { me: 'ann1', mode: 'anonymous', period }).you?.rank
 * Complexity: O(n).
 */
export function annotatorLeaderboard(
  ranked: readonly RankedPerson[],
  options: { readonly me: string; readonly mode: LeaderboardSetting; readonly period: PayPeriod },
): AnnotatorLeaderboard {
  const { me, mode, period } = options;
  if (mode === 'off') return { mode, period, top: [], you: null, ranked: 0 };
  const row = (p: RankedPerson): PublicRow => ({
    rank: p.rank,
    name: p.id === me || mode === 'names' ? p.name : null,
    you: p.id === me,
    answers: p.answers,
    controlAccuracy: p.controlAccuracy,
    score: p.score,
  });
  const mine = ranked.find((p) => p.id === me);
  return {
    mode,
    period,
    top: ranked.slice(0, LEADERBOARD_SIZE).map(row),
    you: mine === undefined ? null : row(mine),
    ranked: ranked.length,
  };
}
