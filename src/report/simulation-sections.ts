import { count, decimal, money, percent, percentRange } from '../core/format/format-number.js';
import { costAccuracyPlot } from './plots/cost-accuracy-plot.js';
import { learningCurvePlot } from './plots/learning-curve-plot.js';
import type { PlotContext } from './plots/plot-context.js';
import { relabelSweepPlot } from './plots/relabel-sweep-plot.js';
import { figure, interval } from './report-figure.js';
import { html, type SafeHtml } from './safe-html.js';
import type { AlView, HybridView, RelabelView, SimulationView } from './simulation-view.js';

/**
 * One simulation result as a report section: its plot and its table.
 * @example simulationSection({ kind: 'al', title: 'banking77', result }, { document })
 * Complexity: O(size of the result).
 */
export function simulationSection(view: SimulationView, context: PlotContext): SafeHtml {
  switch (view.kind) {
    case 'al':
      return alSection(view.title, view.result, context);
    case 'relabel':
      return relabelSection(view.title, view.result, context);
    case 'hybrid':
      return hybridSection(view.title, view.result, context);
  }
}

function alSection(title: string, r: AlView, context: PlotContext): SafeHtml {
  const target = percent(r.targetShare, 0);
  const rows = Object.entries(r.strategies).map(([name, s]) => {
    const last = s.rounds[s.rounds.length - 1];
    const saving = s.savingVsRandom;
    return html`<tr>
      <td>${name}</td>
      <td class="n">${last ? percent(last.accuracy) : '–'}</td>
      <td class="n">${last ? count(last.labels) : '–'}</td>
      <td class="n">${s.labelsToReach99 === null ? 'not reached' : count(s.labelsToReach99)}</td>
      <td class="n${saving !== null && saving < 0 ? ' worse' : ''}">
        ${name === 'random' ? '' : saving === null ? '–' : percent(saving, 0)}
      </td>
      <td class="n">${s.stoppedAt === null ? '–' : count(s.stoppedAt)}</td>
    </tr>`;
  });
  const worse = Object.entries(r.strategies)
    .filter(([, s]) => s.savingVsRandom !== null && s.savingVsRandom < 0)
    .map(([name]) => name);
  return html`<h2 id="sim-al">Active learning: ${title}</h2>
    <p class="lede">
      ${count(r.items)} items, ${count(r.classes)} labels: a pool of ${count(r.pool)} and
      ${count(r.test)} held out. Every strategy starts from the same ${count(r.initial)} labels and
      asks for ${count(r.batch)} more per round; the model trained on all the pool reaches
      ${percent(r.fullDataAccuracy)}${r.repeats > 1 ? ` (curves are the mean of ${r.repeats} seeds from ${r.seed})` : ` (seed ${r.seed})`}.
    </p>
    ${figure(
      learningCurvePlot(r, context),
      html`Held-out accuracy after each round; the dashed red line is ${target} of the all-data
      accuracy.`,
    )}
    <table class="compact">
      <thead>
        <tr>
          <th>Strategy</th>
          <th class="n">Last accuracy</th>
          <th class="n">at labels</th>
          <th class="n">Labels to ${target}</th>
          <th class="n">Saving vs random</th>
          <th class="n">Stable at</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    ${
      worse.length > 0
        ? html`<p>
            Active learning does <strong>not</strong> beat random here with ${worse.join(', ')}.
          </p>`
        : ''
    }`;
}

function relabelSection(title: string, r: RelabelView, context: PlotContext): SafeHtml {
  const rows = r.sweep.map(
    (p) =>
      html`<tr>
        <td class="n">${percent(p.share, 0)}</td>
        <td class="n">${count(p.relabelled)}</td>
        <td class="n">${count(p.byConfidence.errorsFound)}</td>
        <td class="n">${percent(p.byConfidence.labelAccuracy)}</td>
        <td class="n">${percent(p.byConfidence.testAccuracy)}</td>
        <td class="n">${count(p.random.errorsFound)}</td>
        <td class="n">${percent(p.random.labelAccuracy)}</td>
        <td class="n">${percent(p.random.testAccuracy)}</td>
      </tr>`,
  );
  return html`<h2 id="sim-relabel">Sending noisy labels back to people: ${title}</h2>
    <p class="lede">
      Each of ${count(r.train)} training labels was corrupted with probability one minus its
      annotators' agreement (${percent(r.noiseRate)} changed). Trained on them the model reaches
      ${percent(r.noisyAccuracy)} on ${count(r.test)} held-out items, against
      ${percent(r.cleanAccuracy)} on the clean labels. A share of the labels is then sent back to
      people, either those the cross-fitted model doubts most or a random sample.
    </p>
    ${figure(
      relabelSweepPlot(r, context),
      'Held-out accuracy of the model retrained after relabelling.',
    )}
    <table>
      <thead>
        <tr>
          <th class="n">Sent back</th>
          <th class="n">Items</th>
          <th class="n">Errors found (confidence)</th>
          <th class="n">Label accuracy</th>
          <th class="n">Held-out</th>
          <th class="n">Errors found (random)</th>
          <th class="n">Label accuracy</th>
          <th class="n">Held-out</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
}

function hybridSection(title: string, r: HybridView, context: PlotContext): SafeHtml {
  const arms = [
    { name: `hybrid (accept ≥ ${decimal(r.policy.accept, 2)})`, arm: r.hybrid },
    { name: 'all human', arm: r.allHuman },
    { name: 'all machine', arm: r.allMachine },
  ];
  const plot = costAccuracyPlot(
    {
      points: [
        {
          cost: r.hybrid.cost,
          coverage: r.zones.accept / Math.max(1, r.pool),
          accuracy: r.hybrid.accuracy,
        },
      ],
      chosen: 0,
      allHuman: { cost: r.allHuman.cost, accuracy: r.allHuman.accuracy.estimate },
      allMachine: { cost: r.allMachine.cost, accuracy: r.allMachine.accuracy },
    },
    context,
  );
  plot.setAttribute('id', 'plot-hybrid');
  return html`<h2 id="sim-hybrid">The hybrid loop: ${title}</h2>
    <p class="lede">
      A model trained on ${count(r.gold)} expert labels scores the pool of ${count(r.pool)} items
      batch by batch; items at or above ${decimal(r.policy.accept, 2)} confidence are accepted,
      below ${decimal(r.policy.humanBelow, 2)} go to people alone and the rest to people with the
      machine as one more voter; the model retrains after each batch. People: ${r.crowd}.
    </p>
    ${figure(plot, 'Final accuracy (95% interval) and total cost of the three plans.')}
    <table class="compact">
      <thead>
        <tr>
          <th>Plan</th>
          <th class="n">Accuracy</th>
          <th class="n">Cost</th>
          <th class="n">Per item</th>
        </tr>
      </thead>
      <tbody>
        ${arms.map(
          ({ name, arm }) =>
            html`<tr>
              <td>${name}</td>
              <td class="n">
                ${interval(percent(arm.accuracy.estimate), percentRange(arm.accuracy))}
              </td>
              <td class="n">${money(arm.cost)}</td>
              <td class="n">${money(arm.costPerItem)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p>
      Zones: ${count(r.zones.accept)} accepted (${percent(r.zoneAccuracy.accept)} right),
      ${count(r.zones.overlap)} overlap (${percent(r.zoneAccuracy.overlap)},
      ${r.overlapPeoplePerItem.toFixed(2)} people each), ${count(r.zones.human)} to people
      (${percent(r.zoneAccuracy.human)}). The hybrid plan costs ${percent(r.savingVsHuman, 0)} less
      than all-human.
    </p>`;
}
