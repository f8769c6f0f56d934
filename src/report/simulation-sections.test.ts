import { describe, expect, it } from 'vitest';
import { createLinkedomDocument } from './linkedom-document.js';
import { renderSimulationHtml } from './render-simulation-report.js';
import { simulationSection } from './simulation-sections.js';
import type { AlView, HybridView, RelabelView } from './simulation-view.js';

const context = () => ({ document: createLinkedomDocument() });

const curve = (accuracies: readonly number[]) => ({
  rounds: accuracies.map((accuracy, i) => ({ labels: 50 + 25 * i, accuracy })),
  labelsToReach99: null as number | null,
  savingVsRandom: null as number | null,
  stoppedAt: null as number | null,
});

const al: AlView = {
  fullDataAccuracy: 0.9,
  targetShare: 0.99,
  items: 1000,
  pool: 800,
  test: 200,
  classes: 4,
  batch: 25,
  initial: 50,
  seed: 1,
  repeats: 1,
  strategies: {
    random: { ...curve([0.6, 0.7, 0.8, 0.9]), labelsToReach99: 125 },
    margin: { ...curve([0.6, 0.85, 0.9, 0.9]), labelsToReach99: 100, savingVsRandom: 0.2 },
    cal: { ...curve([0.6, 0.65, 0.7, 0.75]), savingVsRandom: null },
    entropy: { ...curve([0.6, 0.7, 0.75, 0.9]), labelsToReach99: 125, savingVsRandom: -0.25 },
  },
};

describe('simulationSection', () => {
  it('draws one learning curve per strategy and tabulates labels to the target and the saving', () => {
    const page = simulationSection({ kind: 'al', title: 'bank', result: al }, context()).value;
    expect(page).toContain('id="plot-learning-curves"');
    // One line per strategy: Plot draws a path per series inside the line mark.
    const lineMark = /aria-label="line"[^>]*>(.*?)<\/g>/s.exec(page)?.[1] ?? '';
    expect(lineMark.match(/<path/g)).toHaveLength(4);
    expect(page).toContain('99% of it');
    const marginRow = /<td>margin<\/td>(.*?)<\/tr>/s.exec(page)?.[1] ?? '';
    expect(marginRow).toContain('>100<');
    expect(marginRow).toContain('20%');
    expect(/<td>cal<\/td>(.*?)<\/tr>/s.exec(page)?.[1]).toContain('not reached');
    // A strategy that needs more labels than random is said to, in words and in colour.
    expect(page).toMatch(/does <strong>not<\/strong> beat random here with entropy\./);
    expect(/<td>entropy<\/td>(.*?)<\/tr>/s.exec(page)?.[1]).toMatch(/class="n worse"[^>]*>\s*-25%/);
  });

  it('says nothing against active learning when every strategy saves labels', () => {
    const { entropy: _dropped, ...rest } = al.strategies;
    const page = simulationSection(
      { kind: 'al', title: 'bank', result: { ...al, strategies: rest } },
      context(),
    ).value;
    expect(page).not.toContain('beat random');
  });

  it('plots and tabulates the relabelling sweep by confidence against random', () => {
    const outcome = (testAccuracy: number, errorsFound: number) => ({
      labelAccuracy: 0.8 + errorsFound / 1000,
      errorsFound,
      testAccuracy,
    });
    const relabel: RelabelView = {
      items: 1000,
      train: 800,
      test: 200,
      classes: 3,
      noiseRate: 0.2,
      cleanAccuracy: 0.9,
      noisyAccuracy: 0.8,
      sweep: [0, 0.1, 0.3].map((share, i) => ({
        share,
        relabelled: 800 * share,
        byConfidence: outcome(0.8 + 0.04 * i, 60 * i),
        random: outcome(0.8 + 0.01 * i, 15 * i),
      })),
    };
    const page = simulationSection(
      { kind: 'relabel', title: 'tweets', result: relabel },
      context(),
    ).value;
    expect(page).toContain('id="plot-relabel-sweep"');
    const lineMark = /aria-label="line"[^>]*>(.*?)<\/g>/s.exec(page)?.[1] ?? '';
    expect(lineMark.match(/<path/g)).toHaveLength(2);
    expect(page.match(/<tr>/g)).toHaveLength(1 + 3);
    expect(page).toContain('20.0% changed');
    expect(page).toMatch(/<td class="n">120<\/td>/);
  });

  it('compares the hybrid plan with all-human and all-machine', () => {
    const arm = (estimate: number, cost: number) => ({
      accuracy: { estimate, lower: estimate - 0.02, upper: estimate + 0.01 },
      cost,
      costPerItem: cost / 1000,
    });
    const hybrid: HybridView = {
      items: 1200,
      pool: 1000,
      gold: 200,
      classes: 5,
      crowd: '3 parametric annotators',
      policy: { accept: 0.9, humanBelow: 0.5 },
      zones: { accept: 600, overlap: 250, human: 150 },
      overlapPeoplePerItem: 1.4,
      zoneAccuracy: { accept: 0.97, overlap: 0.93, human: 0.95 },
      hybrid: arm(0.95, 120),
      allHuman: arm(0.96, 375),
      allMachine: arm(0.88, 25),
      savingVsHuman: 0.68,
    };
    const page = simulationSection(
      { kind: 'hybrid', title: 'x', result: hybrid },
      context(),
    ).value.replace(/\s+/g, ' ');
    expect(page).toContain('id="plot-hybrid"');
    expect(page).toContain('people alone');
    expect(page).toContain('machine alone');
    expect(page).toMatch(/<td>all human<\/td>\s*<td class="n">\s*96\.0%/);
    expect(page).toContain('$375');
    expect(page).toContain('costs 68% less than all-human');
  });
});

describe('renderSimulationHtml', () => {
  it('is one self-contained page that escapes the titles it is given', () => {
    const page = renderSimulationHtml(
      [{ kind: 'al', title: '<script>alert(1)</script>.csv', result: al }],
      context(),
      '2026-11-26T08:00:00.000Z',
    );
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.csv');
    expect(page).toContain('2026-11-26 08:00 UTC');
    expect(page).not.toMatch(/<link|src="http/);
  });
});
