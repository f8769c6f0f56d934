import { judgeAgreement, PAIRWISE_VERDICTS } from '../../core/pairwise/index.js';
import type { MeasuredPositionBias } from '../../core/runs/run-records.js';
import type { Vote } from '../../core/types.js';

/** How one set of verdicts leans: ties, and the first response among the others. */
export interface VerdictShares {
  readonly verdicts: number;
  /** Share of verdicts that are ties. */
  readonly tieShare: number;
  /**
   * Share of non-tie verdicts that pick the response shown first (A). Where the sides were
   * drawn at random it measures position bias: 0.5 without it.
   */
  readonly firstShare: number;
}

/** A machine judge against people on the same pairs. */
export interface JudgeRow extends VerdictShares {
  readonly judge: string;
  /** Pairs with both the judge's verdict and a strict plurality of people. */
  readonly items: number;
  /** Share of those pairs where the judge's verdict is the people's plurality. */
  readonly agreement: number;
  /** Cohen's κ over {a, b, tie} against the plurality. */
  readonly kappa: number;
  /** Pairs where neither the judge nor the plurality says tie, and the agreement on them. */
  readonly decisiveItems: number;
  readonly decisiveAgreement: number;
  /** What its label run measured asking it in both orders (flip rate…); null when not asked so. */
  readonly swapped: MeasuredPositionBias | null;
}

/** Agreement of machine judges with people on a pairwise project. */
export interface JudgeAgreementReport {
  readonly kind: 'pairwise';
  /** Pairs people voted on, and how many have a strict plurality verdict. */
  readonly peopleItems: number;
  readonly pluralityItems: number;
  readonly people: VerdictShares;
  readonly judges: readonly JudgeRow[];
}

/**
 * Each machine judge's agreement with people's plurality verdict (ties between verdicts leave
 * the pair out), Cohen's κ, agreement where neither says tie, and each side's tie share and
 * first-position share — the position bias of a judge when the sides were randomised — and,
 * for a judge asked in both orders, what its label run measured (`swapped`, by vote source).
 * @example judgeAgreementReport(votes).judges[0].agreement
 * Complexity: O(votes).
 */
export function judgeAgreementReport(
  votes: readonly Vote[],
  swapped: ReadonlyMap<string, MeasuredPositionBias> = new Map(),
): JudgeAgreementReport {
  const people = votes.filter((v) => v.source.startsWith('human:'));
  const counts = new Map<string, number[]>();
  for (const v of people) {
    const k = PAIRWISE_VERDICTS.indexOf(v.label as 'a');
    if (k < 0) continue;
    const row = counts.get(v.itemId) ?? [0, 0, 0];
    row[k]! += 1;
    counts.set(v.itemId, row);
  }
  const plurality = new Map<string, number>();
  for (const [id, row] of counts) {
    const top = Math.max(...row);
    if (row.filter((c) => c === top).length === 1) plurality.set(id, row.indexOf(top));
  }
  const bySource = new Map<string, Vote[]>();
  for (const v of votes) {
    if (v.source.startsWith('human:')) continue;
    const list = bySource.get(v.source);
    if (list) list.push(v);
    else bySource.set(v.source, [v]);
  }
  const judges = [...bySource].map(([judge, own]): JudgeRow => {
    const mine = new Map(own.map((v) => [v.itemId, PAIRWISE_VERDICTS.indexOf(v.label as 'a')]));
    const ids = [...plurality.keys()].filter((id) => (mine.get(id) ?? -1) >= 0);
    const j = Int32Array.from(ids, (id) => mine.get(id) as number);
    const p = Int32Array.from(ids, (id) => plurality.get(id) as number);
    const agreement = judgeAgreement(j, p);
    const decisive = ids.filter((_, i) => j[i] !== 2 && p[i] !== 2 && j[i]! >= 0);
    const same = decisive.filter((id) => mine.get(id) === plurality.get(id)).length;
    return {
      judge,
      items: agreement.items,
      agreement: agreement.agreement,
      kappa: agreement.kappa,
      decisiveItems: decisive.length,
      decisiveAgreement: decisive.length > 0 ? same / decisive.length : Number.NaN,
      swapped: swapped.get(judge) ?? null,
      ...verdictShares(own),
    };
  });
  return {
    kind: 'pairwise',
    peopleItems: counts.size,
    pluralityItems: plurality.size,
    people: verdictShares(people),
    judges: judges.sort((x, y) => x.judge.localeCompare(y.judge)),
  };
}

function verdictShares(votes: readonly Vote[]): VerdictShares {
  let a = 0;
  let b = 0;
  let tie = 0;
  for (const v of votes) {
    if (v.label === 'a') a++;
    else if (v.label === 'b') b++;
    else if (v.label === 'tie') tie++;
  }
  const verdicts = a + b + tie;
  return {
    verdicts,
    tieShare: verdicts > 0 ? tie / verdicts : Number.NaN,
    firstShare: a + b > 0 ? a / (a + b) : Number.NaN,
  };
}
