import { describe, expect, it } from 'vitest';
import { payPeriod } from '../../core/pay/pay-period.js';
import {
  annotatorLeaderboard,
  LEADERBOARD_SIZE,
  leaderboardScore,
  rankPeople,
} from './leaderboard.js';
import type { PersonPay } from './pay-report.js';
import { wilsonInterval } from './quality-rules.js';

const period = payPeriod('2026-12-01', '2026-12-31');

function person(id: string, answers: number, correct: number, controls: number): PersonPay {
  return {
    id,
    name: `Name ${id}`,
    role: 'annotator',
    state: 'active',
    discounted: false,
    answers,
    decided: 0,
    accepted: 0,
    controls,
    controlsCorrect: correct,
    controlAccuracy: controls === 0 ? null : correct / controls,
    controlInterval: wilsonInterval(correct, controls),
    hours: 1,
    baseUsd: 10,
    bonusUsd: 1,
    totalUsd: 11,
    bonusEarned: true,
  };
}

describe('leaderboard', () => {
  it('scores answers × the lower Wilson bound: 100 answers, 19/20 controls → 76.4', () => {
    expect(leaderboardScore(person('a', 100, 19, 20))).toBeCloseTo(76.39, 2);
    expect(leaderboardScore(person('b', 500, 0, 0))).toBe(0);
  });

  it('ranks quality over volume and shares a rank on equal scores', () => {
    const ranked = rankPeople([
      person('fast', 300, 5, 10), // 300 × 0.237 = 71.0
      person('careful', 100, 20, 20), // 100 × 0.839 = 83.9
      person('twin1', 50, 10, 10), // 50 × 0.722 = 36.1
      person('twin2', 50, 10, 10),
      person('new', 20, 0, 0), // 0
    ]);
    expect(ranked.map((p) => [p.id, p.rank])).toEqual([
      ['careful', 1],
      ['fast', 2],
      ['twin1', 3],
      ['twin2', 3],
      ['new', 5],
    ]);
  });

  it('shows annotators other names only when the project says names, and never pay', () => {
    const ranked = rankPeople([person('a', 100, 20, 20), person('b', 50, 10, 10)]);
    const anonymous = annotatorLeaderboard(ranked, { me: 'b', mode: 'anonymous', period });
    expect(anonymous.top.map((r) => [r.rank, r.name, r.you])).toEqual([
      [1, null, false],
      [2, 'Name b', true],
    ]);
    expect(JSON.stringify(anonymous)).not.toMatch(/Name a|"a"|Usd/);
    const named = annotatorLeaderboard(ranked, { me: 'b', mode: 'names', period });
    expect(named.top.map((r) => r.name)).toEqual(['Name a', 'Name b']);
    const off = annotatorLeaderboard(ranked, { me: 'b', mode: 'off', period });
    expect(off).toMatchObject({ top: [], you: null, ranked: 0 });
  });

  it('gives a person outside the top their own row and rank', () => {
    const people = Array.from({ length: LEADERBOARD_SIZE + 2 }, (_, i) =>
      person(`p${i}`, 100 - i, 10, 10),
    );
    const board = annotatorLeaderboard(rankPeople(people), { me: 'p11', mode: 'names', period });
    expect(board.top).toHaveLength(LEADERBOARD_SIZE);
    expect(board.top.some((r) => r.you)).toBe(false);
    expect(board.you).toMatchObject({ rank: 12, name: 'Name p11', you: true, answers: 89 });
    expect(board.ranked).toBe(12);
  });
});
