import { describe, expect, it } from 'vitest';
import { rankingSection, type RankingView } from './ranking-section.js';

const ranking: RankingView = {
  from: 'decisions',
  prior: 1,
  comparisons: 1234,
  skipped: 2,
  converged: true,
  systems: [
    {
      rank: 1,
      system: '<b>GPT 4</b>',
      score: 0.99,
      standardError: 0.19,
      lower: 0.61,
      upper: 1.37,
      wins: 110,
      losses: 20,
      ties: 28,
    },
    {
      rank: 2,
      system: 'Dolly',
      score: -0.99,
      standardError: 0.2,
      lower: -1.38,
      upper: -0.6,
      wins: 20,
      losses: 110,
      ties: 28,
    },
  ],
};

describe('rankingSection', () => {
  it('lists the systems with their scores and intervals, escaping names', () => {
    const page = rankingSection({ ranking }).value.replace(/\s+/g, ' ');
    expect(page).toContain('Ranking of the systems');
    expect(page).toContain('from 1,234 decided verdicts');
    expect(page).toContain(
      '2 verdicts on items that do not name two different systems are left out',
    );
    expect(page).toContain('&lt;b&gt;GPT 4&lt;/b&gt;');
    expect(page).toMatch(/<td class="n">0\.99<\/td> <td class="n">0\.61 to 1\.37<\/td>/);
    expect(page.indexOf('GPT 4')).toBeLessThan(page.indexOf('Dolly'));
  });

  it('is empty without a ranking', () => {
    expect(rankingSection({ ranking: null }).value).toBe('');
    expect(rankingSection({}).value).toBe('');
  });
});
