import {
  count,
  decimal,
  money,
  percent,
  percentRange,
  unitPrice,
} from '../core/format/format-number.js';
import type { PlanView, PolicyView, ReportView } from './report-view.js';
import { breakable, html, type SafeHtml } from './safe-html.js';

/**
 * The plan's numbers in words: the chosen policy (its own sentence, the rule, the evidence, the
 * cost against people alone), or, before routing, that no policy was chosen and what the two
 * plain plans (machine alone, people alone) would give and cost.
 * @example planInWords(view) // <div class="words">…</div>
 * Complexity: O(K) for per-class thresholds.
 */
export function planInWords(view: ReportView): SafeHtml {
  const policy = view.policy?.appliesToSource ? view.policy : null;
  return html`${policy ? chosenPolicy(policy, view.plan) : noPolicy(view)}${baselines(view)}`;
}

function noPolicy(view: ReportView): SafeHtml {
  const other = view.policy && !view.policy.appliesToSource ? view.policy.source : null;
  return html`<div class="words pending">
    <p>
      <strong
        >No routing policy has been chosen
        yet${other ? html` for this labeller (the newest one is for <code>${other}</code>)` : ''}.</strong
      >
      Until one is, every item keeps the machine's first-pass label and nothing has been promised
      about its accuracy.
    </p>
    <p>
      Run <code>hilo route --target-accuracy 0.97</code> to choose, from the gold items, the
      confidence above which the machine's label is accepted, with a lower confidence bound on the
      accuracy of what is accepted. This report will then mark the chosen policy on the curves.
    </p>
  </div>`;
}

function chosenPolicy(p: PolicyView, plan: PlanView | null): SafeHtml {
  const confidence = p.delta === null ? null : percent(1 - p.delta, 0);
  const target = p.target === null ? null : percent(p.target);
  const whole = p.wholeSet ?? null;
  const rule = whole
    ? html`keep the machine's label on the <strong>${count(whole.spared)}</strong> items the expert
        checks certify (those the machine is most often right on, by predicted label and
        confidence); the ${count(whole.checks)} checked items keep their experts' labels and
        ${count(whole.toPeople)} go to people`
    : p.threshold !== null && p.score === 'router'
      ? html`accept the machine's label when the meta-router's probability that it is right is at
          least <strong>${decimal(p.threshold)}</strong>`
      : p.threshold !== null
        ? html`accept the machine's label when its calibrated confidence is at least
            <strong>${decimal(p.threshold)}</strong
            >${p.lo !== null && p.lo < p.threshold ? html`; between ${decimal(p.lo)} and ${decimal(p.threshold)} people check it with the machine as one more voter, and below ${decimal(p.lo)} people label it alone` : ''}`
        : p.perClass && Object.keys(p.perClass).length > 0
          ? html`one threshold per predicted label (below)`
          : html`nothing is accepted on the machine's word: no threshold could be certified`;
  const c = p.counts;
  const total = c ? c.accept + c.overlap + c.human : 0;
  const checked = whole ? html`, ${count(whole.checks)} checked by experts` : '';
  const chosenPoint = plan && plan.chosen !== null ? plan.points[plan.chosen] : undefined;
  return html`<div class="words${(p.warnings ?? []).length > 0 ? ' pending' : ''}">
    ${(p.warnings ?? []).map((w) => html`<p class="warning"><strong>${w}</strong></p>`)}
    ${p.sentence ? html`<p>${p.sentence}</p>` : ''}
    <dl class="facts">
      ${
        whole
          ? html`<dt>Target</dt>
              <dd>
                at most ${percent(whole.maxError)} wrong labels in the whole final data set of
                ${count(whole.items)}
                items${confidence ? html`, with ${confidence} confidence` : ''}
              </dd>`
          : ''
      }
      ${
        target
          ? html`<dt>Target</dt>
              <dd>
                accepted labels at least ${target}
                correct${confidence ? html`, with ${confidence} confidence` : ''}
              </dd>`
          : ''
      }
      <dt>Rule</dt>
      <dd>${rule}</dd>
      ${
        p.calibrator
          ? html`<dt>Confidence</dt>
              <dd>calibrated by ${p.calibrator}</dd>`
          : ''
      }
      ${
        c && total > 0
          ? html`<dt>Items</dt>
              <dd>
                ${count(c.accept)} accepted
                (${percent(c.accept / (whole ? whole.items : total), 0)}), ${count(c.overlap)} to
                people with the machine as a voter, ${count(c.human)} to people alone${checked} —
                ${count(whole ? whole.items : total)} in all
              </dd>`
          : ''
      }
      ${
        chosenPoint
          ? html`<dt>Expected accuracy</dt>
              <dd>
                ${percent(chosenPoint.accuracy.estimate)} of all final labels
                (${percentRange(chosenPoint.accuracy)}), accepted ones
                ${percent(chosenPoint.acceptedAccuracy.estimate)} on held-out items
                (${percentRange(chosenPoint.acceptedAccuracy)})
              </dd>`
          : ''
      }
      ${
        p.goldItems !== null
          ? html`<dt>Evidence</dt>
              <dd>
                the promise rests on ${count(p.goldItems)} gold items and holds for items drawn like
                them: gold must be a random sample of the pool
              </dd>`
          : ''
      }
      ${
        p.goldNeeded && p.goldNeeded.additional !== null
          ? html`<dt>Gold needed</dt>
              <dd>
                about ${count(p.goldNeeded.additional)} more gold
                items${p.goldNeeded.total !== null ? html` (${count(p.goldNeeded.total)} in all)` : ''}
                would let the target be promised
              </dd>`
          : ''
      }
      ${
        p.cost
          ? html`<dt>Cost</dt>
              <dd>
                ${money(p.cost.plan, p.cost.currency)} against
                ${money(p.cost.allHuman, p.cost.currency)} for people alone
                (${savingWords(p.cost.plan, p.cost.allHuman)})${whole ? html`, plus the ${count(whole.checks)} expert checks the promise rests on` : ''}
              </dd>`
          : ''
      }
      ${
        p.testCheck
          ? html`<dt>Check on test items</dt>
              <dd>
                of ${count(p.testCheck.items)} test items the policy accepts
                ${count(p.testCheck.accepted)}, and ${count(p.testCheck.correct)} of those are
                right: ${percent(p.testCheck.accuracy.estimate)}
                (${percentRange(p.testCheck.accuracy)})
              </dd>`
          : ''
      }
      <dt>Chosen</dt>
      <dd>${p.at.slice(0, 16).replace('T', ' ')} UTC, run <code>${p.runId}</code></dd>
    </dl>
    ${p.perClass && Object.keys(p.perClass).length > 0 ? perClassTable(p.perClass) : ''}
  </div>`;
}

function perClassTable(thresholds: Readonly<Record<string, number | null>>): SafeHtml {
  const rows = Object.entries(thresholds).sort((a, b) => (a[1] ?? 2) - (b[1] ?? 2));
  return html`<table class="compact">
    <thead>
      <tr>
        <th>Predicted label</th>
        <th class="n">Accept at confidence ≥</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        ([label, t]) =>
          html`<tr>
            <td class="label">${breakable(label)}</td>
            <td class="n">${t === null ? 'never' : decimal(t)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function savingWords(plan: number, allHuman: number): string {
  if (!(allHuman > 0)) return 'no baseline to compare';
  const saved = 1 - plan / allHuman;
  return saved >= 0 ? `${percent(saved, 0)} less` : `${percent(-saved, 0)} more`;
}

function baselines(view: ReportView): SafeHtml {
  const plan = view.plan;
  if (!plan) return html``;
  const a = plan.assumptions;
  const currency = plan.currency;
  const pool =
    plan.poolFrom === 'pool'
      ? `${count(plan.poolSize)} pool items`
      : `${count(plan.poolSize)} items (no pool votes yet: the held-out items stand in)`;
  const controls = a.controlRate > 0 ? `, plus ${percent(a.controlRate, 1)} control tasks` : '';
  return html`<h3>The two plain plans, for comparison</h3>
    <dl class="facts">
      <dt>Machine alone</dt>
      <dd>
        ${money(plan.allMachine.cost, currency)} for ${pool};
        ${percent(plan.allMachine.accuracy.estimate)} correct on held-out items
        (${percentRange(plan.allMachine.accuracy)})
      </dd>
      <dt>People alone</dt>
      <dd>
        ${money(plan.allHuman.cost, currency)}: ${count(a.overlap)}
        ${a.overlap === 1 ? 'person' : 'people'} per item at ${unitPrice(a.annotation, currency)} an
        item${controls}; assumed ${percent(a.humanAccuracy, 0)} correct
      </dd>
      <dt>Spent so far</dt>
      <dd>
        ${money(view.spend.costUsd, '$')} on ${count(view.spend.items)} items labelled by the
        machine in ${count(view.spend.runs)}
        ${view.spend.runs === 1 ? 'run' : 'runs'}${view.spend.tokensIn + view.spend.tokensOut > 0 ? `, ${count(view.spend.tokensIn + view.spend.tokensOut)} tokens` : ''}
      </dd>
    </dl>`;
}
