import { count, percent } from '../core/format/format-number.js';
import { html, type SafeHtml } from './safe-html.js';

/** A multi-label or rating project's own figures (the pipeline's `KindFigures`). */
export interface KindFiguresView {
  readonly kind: 'multilabel' | 'rating';
  readonly measure: string;
  readonly set: 'test' | 'gold';
  readonly items: number;
  readonly accuracy: number;
  readonly multilabel: {
    readonly microF1: number;
    readonly macroF1: number;
    readonly hammingLoss: number;
    readonly subsetAccuracy: number;
    readonly labels: readonly {
      readonly label: string;
      readonly f1: number;
      readonly support: number;
      readonly eceBefore: number | null;
      readonly eceAfter: number | null;
    }[];
    readonly macroEce: { readonly before: number; readonly after: number } | null;
  } | null;
  readonly rating: {
    readonly exactAccuracy: number;
    readonly withinK: number;
    readonly withinKAccuracy: number;
    readonly mae: number;
  } | null;
}

const fixed = (x: number | null, digits = 3) =>
  x === null || Number.isNaN(x) ? '—' : x.toFixed(digits);

/**
 * The task kind's own figures: for multi-label, micro/macro-F1, Hamming loss, subset accuracy
 * and a per-label table (F1, ECE before and after calibration); for a rating scale, exact and
 * within-±k accuracy and the mean absolute error. Empty for classify and pairwise.
 * @example kindSection(view.kindFigures ?? null)
 * Complexity: O(L).
 */
export function kindSection(kind: KindFiguresView | null): SafeHtml {
  if (!kind) return html``;
  const where = html`${count(kind.items)} <strong>${kind.set}</strong> items, calibrated answers`;
  const headline = html`<p>
    ${kind.measure[0]?.toUpperCase()}${kind.measure.slice(1)}:
    <strong>${percent(kind.accuracy)}</strong>
    on ${where}.
  </p>`;
  if (kind.rating) {
    const r = kind.rating;
    return html`<h2 id="kind">Ratings</h2>
      ${headline}
      <table>
        <tr>
          <th>exact</th>
          <th>within ±${String(r.withinK)}</th>
          <th>mean absolute error (levels)</th>
        </tr>
        <tr>
          <td>${percent(r.exactAccuracy)}</td>
          <td>${percent(r.withinKAccuracy)}</td>
          <td>${fixed(r.mae)}</td>
        </tr>
      </table>`;
  }
  const m = kind.multilabel;
  if (!m) return html``;
  const rows = m.labels.map(
    (l) =>
      html`<tr>
        <td>${l.label}</td>
        <td>${count(l.support)}</td>
        <td>${fixed(l.f1)}</td>
        <td>${fixed(l.eceBefore)}</td>
        <td>${fixed(l.eceAfter)}</td>
      </tr>`,
  );
  return html`<h2 id="kind">Labels, one by one</h2>
    ${headline}
    <p>
      micro-F1 ${fixed(m.microF1)}, macro-F1 ${fixed(m.macroF1)}, Hamming loss
      ${fixed(m.hammingLoss, 4)}, subset accuracy ${percent(m.subsetAccuracy)}.
      ${
        m.macroEce
          ? html`Calibrated per label: mean ECE of P(label) ${fixed(m.macroEce.before, 4)} before,
            ${fixed(m.macroEce.after, 4)} after (held-out gold).`
          : ''
      }
    </p>
    <table>
      <tr>
        <th>label</th>
        <th>applies</th>
        <th>F1</th>
        <th>ECE before</th>
        <th>ECE after</th>
      </tr>
      ${rows}
    </table>`;
}
