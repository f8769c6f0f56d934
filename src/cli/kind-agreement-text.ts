import type { KindAgreement } from '../pipeline/votes/index.js';

const f = (x: number): string => (Number.isNaN(x) ? '  n/a' : x.toFixed(3));
const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);

/**
 * The kind's own agreement figures as text lines: multi-label α (MASI) and per label; rating α
 * ordinal and interval, mean |difference| and rater pairs; pairwise judges against people.
 * @example io.out(kindAgreementText(table.kind, (source) => source));
 */
export function kindAgreementText(
  kind: KindAgreement | null,
  name: (source: string) => string,
): string {
  if (kind === null) return '';
  const lines: string[] = [];
  switch (kind.kind) {
    case 'multilabel':
      lines.push(`  Krippendorff's alpha, MASI distance between sets: ${f(kind.masiAlpha)}`);
      lines.push('  label                         chosen   alpha  Fleiss kappa');
      for (const l of kind.perLabel)
        lines.push(
          `  ${l.label.padEnd(28).slice(0, 28)}  ${pct(l.prevalence).padStart(6)}  ${f(l.alpha)}  ${f(l.fleissKappa)}`,
        );
      break;
    case 'rating':
      lines.push(
        `  Krippendorff's alpha ordinal ${f(kind.alphaOrdinal)}, interval ${f(kind.alphaInterval)}`,
      );
      lines.push(
        `  mean |difference| between two ratings of an item: ${f(kind.meanAbsDifference)} levels`,
      );
      if (kind.pairs.length > 0) {
        lines.push(
          '  rater pair                                  items  weighted kappa  mean |diff|',
        );
        for (const p of kind.pairs)
          lines.push(
            `  ${`${name(p.a)} / ${name(p.b)}`.padEnd(42).slice(0, 42)}  ${String(p.items).padStart(5)}  ${f(p.kappa).padStart(14)}  ${f(p.meanAbsDifference).padStart(11)}`,
          );
      }
      break;
    case 'pairwise':
      lines.push(
        `  people: ${kind.people.verdicts} verdicts on ${kind.peopleItems} pairs, ${kind.pluralityItems} with a plurality; ties ${pct(kind.people.tieShare)}, first response chosen ${pct(kind.people.firstShare)} of the rest`,
      );
      if (kind.judges.length === 0) lines.push('  no machine judge has voted');
      else {
        lines.push(
          '  judge                             pairs  agreement  kappa  no-tie pairs  agreement  ties   first',
        );
        for (const j of kind.judges)
          lines.push(
            `  ${j.judge.padEnd(32).slice(0, 32)}  ${String(j.items).padStart(5)}  ${f(j.agreement).padStart(9)}  ${f(j.kappa)}  ${String(j.decisiveItems).padStart(12)}  ${f(j.decisiveAgreement).padStart(9)}  ${pct(j.tieShare).padStart(5)}  ${pct(j.firstShare).padStart(6)}`,
          );
        for (const j of kind.judges) {
          const b = j.swapped;
          if (b)
            lines.push(
              `  ${j.judge} asked in both orders on ${b.items} items: verdict flips on ${pct(b.flipRate)}, the response shown first wins ${pct(b.firstPositionWinRate ?? Number.NaN)} of decisive verdicts`,
            );
        }
        lines.push(
          '  (agreement with the people\'s plurality verdict; "first": share of non-tie verdicts for the response shown first, 50% without position bias when sides are random)',
        );
      }
      break;
  }
  return `${lines.join('\n')}\n`;
}
