import { describe, expect, it } from 'vitest';
import { createLinkedomDocument } from './linkedom-document.js';
import { renderReportHtml } from './render-report.js';
import { HOSTILE, HOSTILE_LABEL, reportFixture } from '../testing/fixtures/report-fixture.js';

const PLOT_IDS = [
  'plot-confusion-matrix',
  'plot-reliability',
  'plot-confidence-histogram',
  'plot-accuracy-coverage',
  'plot-cost-accuracy',
];

/** The page with runs of white space made one space, so text checks ignore line wrapping. */
function render(view = reportFixture()): string {
  return renderReportHtml(view, { document: createLinkedomDocument() }).replace(/\s+/g, ' ');
}

/** The opening tags of the root SVG elements, in page order. */
function svgTags(page: string): string[] {
  return [...page.matchAll(/<svg\b[^>]*>/g)].map((m) => m[0]);
}

function plotIds(page: string): string[] {
  return svgTags(page).map((tag) => /\bid="([^"]+)"/.exec(tag)?.[1] ?? '');
}

describe('renderReportHtml', () => {
  it('draws every plot once, as inline SVG with an accessible name', () => {
    const page = render();
    expect(plotIds(page)).toEqual(PLOT_IDS);
    expect(page.match(/<svg\b/g)).toHaveLength(PLOT_IDS.length);
    for (const tag of svgTags(page)) {
      expect(tag).toMatch(/\baria-label="[^"]{5,}"/);
      expect(tag).toMatch(/\brole="img"/);
    }
  });

  it('is self-contained: no script, no external resource', () => {
    const page = render();
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<link\b|@import/i);
    // Only references inside the page (Plot's clip paths), never to a file or address.
    expect(page.match(/url\((?!#)/g)).toBeNull();
    // Text from data is escaped, so every `<` opens a tag the page itself wrote.
    expect(page).not.toMatch(/<[a-z][^>]*\s(?:src|href|xlink:href)\s*=/i);
  });

  it('escapes text from data everywhere it appears', () => {
    const page = render();
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain(HOSTILE_LABEL);
    expect(page).not.toMatch(/<img/i);
    // Item text, project name, source, sentence and notes all show the text literally.
    const shown = page.split('&lt;script&gt;alert(1)&lt;/script&gt;').length - 1;
    expect(shown).toBeGreaterThanOrEqual(7);
    expect(page).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(page).toContain('<title>shop &lt;script&gt;');
  });

  it('states the chosen policy in words, rings it on the cost curve and marks it on coverage', () => {
    const page = render();
    expect(page).toContain('Accepting the machine');
    expect(page).toMatch(/<strong>0\.700<\/strong\s*>/);
    expect(page).toMatch(/never/);
    expect(page).toContain('of 200 test items the policy accepts');
    expect(page).toContain('chosen: 64% accepted');
    expect(page).toContain('chosen: confidence ≥ 0.700');
    expect(page).toContain('$46.20');
  });

  it('says no policy was chosen yet, and marks none, when routing has not run', () => {
    const view = reportFixture({ policy: null });
    const page = render({ ...view, plan: view.plan ? { ...view.plan, chosen: null } : null });
    expect(page).toContain('No routing policy has been chosen yet');
    expect(page).toContain('hilo route --target-accuracy 0.97');
    expect(page).not.toContain('chosen:');
    expect(page).toContain('default target 95.0%');
    expect(plotIds(page)).toEqual(PLOT_IDS);
  });

  it('renders a project with nothing scored yet without plots it has no data for', () => {
    const page = render(
      reportFixture({
        heldOut: null,
        calibration: null,
        histogram: null,
        coverage: null,
        plan: null,
        policy: null,
      }),
    );
    expect(plotIds(page)).toEqual([]);
    expect(page).toContain('No held-out item');
    expect(page).toContain('Not enough gold items');
  });

  it('says when the scores come from gold rather than test items', () => {
    const view = reportFixture();
    const page = render({
      ...view,
      heldOut: view.heldOut ? { ...view.heldOut, set: 'gold' } : null,
    });
    expect(page).toMatch(/<strong>gold<\/strong> items \(there are no scored test items\)/);
  });

  it('puts the routing warnings above the promise, escaped', () => {
    const base = reportFixture();
    const policy = base.policy as NonNullable<typeof base.policy>;
    const warning = `warning: gold does not look like a random sample of the pool ${HOSTILE}`;
    const page = render(reportFixture({ policy: { ...policy, warnings: [warning] } }));
    const at = page.indexOf('warning: gold does not look like a random sample of the pool');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(page.indexOf('label for 64% of items.'));
    expect(page).toContain('<p class="warning">');
    expect(render()).not.toContain('<p class="warning">');
  });

  it('states a whole-data-set promise by its own target and rule, counting the checked items', () => {
    const base = reportFixture();
    const policy = base.policy as NonNullable<typeof base.policy>;
    const page = render(
      reportFixture({
        policy: {
          ...policy,
          target: null,
          threshold: null,
          goldItems: null,
          counts: { accept: 766, overlap: 0, human: 1033 },
          sentence: 'The final data set of 2,299 items has at most 5% wrong labels.',
          wholeSet: { maxError: 0.05, items: 2299, spared: 766, checks: 500, toPeople: 1033 },
        },
      }),
    );
    expect(page).toContain('at most 5.0% wrong labels in the whole final data set of 2,299 items');
    expect(page).toMatch(/keep the machine's label on the <strong>766<\/strong> items/);
    expect(page).not.toContain('no threshold could be certified');
    expect(page).toContain('766 of 2,299 items on the machine&#39;s word');
    expect(page).toMatch(/500 checked by experts\s+— 2,299 in all/);
    expect(page).toContain('plus the 500 expert checks the promise rests on');
  });
});
