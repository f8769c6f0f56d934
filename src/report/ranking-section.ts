import { count, decimal } from '../core/format/format-number.js';
import { html, type SafeHtml } from './safe-html.js';

/**
 * The Bradley–Terry ranking as the report shows it (the shape of the pipeline's `RankReport`).
 * @example const ranking: RankingView = { from: 'decisions', prior: 1, comparisons: 3, skipped: 0, systems: [], iterations: 9, converged: true };
 */
export interface RankingView {
  readonly from: 'decisions' | 'votes';
  readonly prior: number;
  readonly comparisons: number;
  readonly skipped: number;
  readonly systems: readonly {
    readonly rank: number;
    readonly system: string;
    readonly score: number;
    readonly standardError: number;
    readonly lower: number;
    readonly upper: number;
    readonly wins: number;
    readonly losses: number;
    readonly ties: number;
  }[];
  readonly converged: boolean;
}

/**
 * The ranking of the systems compared in a pairwise project: log-strengths with 95% intervals,
 * and what each won, lost and tied. Empty without a ranking.
 * @example rankingSection({ ranking }) // SafeHtml of one report section
 * Complexity: O(systems).
 */
export function rankingSection(view: { readonly ranking?: RankingView | null }): SafeHtml {
  const ranking = view.ranking;
  if (!ranking) return html``;
  return html`<h2 id="ranking">Ranking of the systems</h2>
    <p class="lede">
      Bradley–Terry strengths from ${count(ranking.comparisons)}
      ${ranking.from === 'votes' ? "people's verdicts" : 'decided verdicts'}: a verdict for a
      response is a win of its system, a tie half a win to each side, and every system plays
      ${decimal(ranking.prior, 1)} virtual tied games so that none is infinitely strong. The score
      is a log-strength (the scores sum to 0): a system scoring d more than another is preferred
      with probability 1 / (1 + e<sup>−d</sup>). Intervals are 95% Wald intervals, one system at a
      time.${
        ranking.skipped > 0
          ? ` ${count(ranking.skipped)} verdicts on items that do not name two different systems are left out.`
          : ''
      }${ranking.converged ? '' : ' The fit did not converge; treat the scores as rough.'}
    </p>
    <table>
      <thead>
        <tr>
          <th class="n">Rank</th>
          <th>System</th>
          <th class="n">Score</th>
          <th class="n">95% interval</th>
          <th class="n">Wins</th>
          <th class="n">Losses</th>
          <th class="n">Ties</th>
        </tr>
      </thead>
      <tbody>
        ${ranking.systems.map(
          (s) =>
            html`<tr>
              <td class="n">${s.rank}</td>
              <td>${s.system}</td>
              <td class="n">${decimal(s.score, 2)}</td>
              <td class="n">${decimal(s.lower, 2)} to ${decimal(s.upper, 2)}</td>
              <td class="n">${count(s.wins)}</td>
              <td class="n">${count(s.losses)}</td>
              <td class="n">${count(s.ties)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
