import { count, money, percent, percentRange } from '../core/format/format-number.js';
import { planInWords } from './plan-in-words.js';
import type { PlotContext } from './plots/plot-context.js';
import { accuracySection, confusionSection, examplesSection } from './accuracy-sections.js';
import { calibrationSection, confidenceSection, coverageSection } from './calibration-sections.js';
import { costSection } from './cost-section.js';
import { kindSection } from './kind-section.js';
import { rankingSection } from './ranking-section.js';
import { reportPage } from './report-page.js';
import type { ReportView } from './report-view.js';
import { breakable, html, type SafeHtml } from './safe-html.js';
import { simulationSection } from './simulation-sections.js';
import type { SimulationView } from './simulation-view.js';

const SOURCE_CHOICE: Readonly<Record<string, string>> = {
  flag: 'as asked',
  'label-run': 'the labeller of the newest finished labelling run',
  'local-model': 'the newest local model; no labelling run has finished',
};

/**
 * The whole report as one self-contained HTML page (inline style and SVG plots, no script, nothing
 * to fetch), with saved simulation results (learning curves, relabelling sweeps, hybrid-loop runs)
 * appended as sections when given. Every text from data is escaped.
 * @example await writeFile('report.html', renderReportHtml(data, { document: createLinkedomDocument() }))
 * Complexity: O(K² + points + examples) for K labels.
 */
export function renderReportHtml(
  view: ReportView,
  context: PlotContext,
  simulations: readonly SimulationView[] = [],
): string {
  const title = `${view.project.name} · hilo report`;
  const page = reportPage(
    title,
    html`${header(view)} ${summaryCards(view)}
      ${
        view.notes.length > 0
          ? html`<h2 id="notes">Before you read on</h2>
              <ul class="notes">
                ${view.notes.map((note) => html`<li>${note}</li>`)}
              </ul>`
          : ''
      }
      <h2 id="plan">The plan in words</h2>
      ${planInWords(view)} ${kindSection(view.kindFigures ?? null)}
      ${
        // A multi-label answer is a set: the one-label sections would misread it.
        view.kindFigures?.kind === 'multilabel'
          ? ''
          : html`${accuracySection(view)} ${confusionSection(view, context)}
            ${calibrationSection(view, context)} ${confidenceSection(view, context)}
            ${coverageSection(view, context)}`
      }
      ${costSection(view, context)} ${rankingSection(view)} ${examplesSection(view)}
      ${simulations.map((s) => simulationSection(s, context))} ${footer(view)}`,
  );
  return page.value;
}

function header(view: ReportView): SafeHtml {
  const i = view.items;
  const generated = view.generatedAt.slice(0, 16).replace('T', ' ');
  return html`<header>
    <div class="eyebrow">hilo · labelling report</div>
    <h1>${view.project.name}</h1>
    <p class="meta">
      Labeller
      <code>${breakable(view.source.id)}</code>
      (${SOURCE_CHOICE[view.source.chosenBy] ?? view.source.chosenBy}) ·
      ${count(view.project.labels.length)} labels · ${count(i.pool)} pool, ${count(i.gold)} gold,
      ${count(i.test)} test${i.control > 0 ? `, ${count(i.control)} control` : ''} items · generated
      ${generated} UTC
    </p>
  </header>`;
}

function card(key: string, value: SafeHtml | string, sub: SafeHtml | string): SafeHtml {
  return html`<div class="card">
    <div class="k">${key}</div>
    <div class="v">${value}</div>
    <div class="s">${sub}</div>
  </div>`;
}

function summaryCards(view: ReportView): SafeHtml {
  const h = view.heldOut;
  const c = view.calibration;
  const policy = view.policy?.appliesToSource ? view.policy : null;
  const cards: SafeHtml[] = [];
  const kind = view.kindFigures ?? null;
  if (kind?.kind === 'multilabel' && kind.multilabel) {
    // A set is right or wrong as a whole, and each label is calibrated on its own.
    const ml = kind.multilabel;
    cards.push(
      card(
        capitalized(kind.measure),
        percent(kind.accuracy),
        `${count(kind.items)} ${kind.set} items`,
      ),
    );
    cards.push(card('Micro-F1', percent(ml.microF1), `macro-F1 ${percent(ml.macroF1)}`));
    cards.push(
      ml.macroEce
        ? card(
            'Calibration error',
            html`${percent(ml.macroEce.before)}
              <span class="arrow">→</span> ${percent(ml.macroEce.after)}`,
            'mean ECE of P(label), one calibrator per label',
          )
        : card('Calibration error', '–', 'run hilo calibrate'),
    );
  } else if (h) {
    cards.push(
      card(
        'Accuracy',
        percent(h.accuracy.estimate),
        `95% CI ${percentRange(h.accuracy)} · ${count(h.scored)} ${h.set} items`,
      ),
    );
    cards.push(card('Macro-F1', percent(h.macroF1.estimate), `95% CI ${percentRange(h.macroF1)}`));
  } else {
    cards.push(card('Accuracy', '–', 'no held-out item has a vote yet'));
  }
  if (kind?.kind !== 'multilabel')
    cards.push(
      c
        ? card(
            'Calibration error',
            html`${percent(c.before.ece.estimate)}
              <span class="arrow">→</span> ${percent(c.after.ece.estimate)}`,
            c.method === 'none'
              ? 'ECE; no calibrator beat raw confidence'
              : `ECE, raw → ${c.method}; 95% CI after ${percentRange(c.after.ece)}`,
          )
        : card('Calibration error', '–', 'too little gold to calibrate'),
    );
  if (policy && policy.counts) {
    // A whole-data-set promise counts the checked items too: they are part of the final data.
    const total =
      policy.wholeSet?.items ?? policy.counts.accept + policy.counts.overlap + policy.counts.human;
    cards.push(
      card(
        'Accepted',
        percent(total > 0 ? policy.counts.accept / total : 0, 0),
        `${count(policy.counts.accept)} of ${count(total)} items on the machine's word`,
      ),
    );
  } else {
    cards.push(
      card(
        'Policy',
        html`<span class="word">none yet</span>`,
        html`run <code>hilo route</code> to choose`,
      ),
    );
  }
  if (policy?.cost) {
    cards.push(
      card(
        'Cost',
        money(policy.cost.plan, policy.cost.currency),
        `vs ${money(policy.cost.allHuman, policy.cost.currency)} for people alone`,
      ),
    );
  } else if (view.plan) {
    cards.push(
      card(
        'People alone',
        money(view.plan.allHuman.cost, view.plan.currency),
        `machine so far ${money(view.spend.costUsd, '$')}`,
      ),
    );
  }
  return html`<section class="cards" aria-label="Summary">${cards}</section>`;
}

function footer(view: ReportView): SafeHtml {
  return html`<footer>
    <p>
      How to read the numbers: accuracy intervals are exact (Clopper–Pearson) 95% intervals;
      macro-F1 and calibration-error intervals are 95% percentile bootstrap intervals over items.
      ECE uses 15 equal-width bins of top-label confidence. Held-out means items whose votes came
      from a model that did not learn from them. Intervals of single points on a curve are not
      simultaneous; only a routing policy chosen by <code>hilo route</code> carries a guarantee, and
      only for items exchangeable with its gold.
    </p>
    <p>${view.project.name} · ${view.source.id} · ${view.generatedAt}</p>
  </footer>`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
