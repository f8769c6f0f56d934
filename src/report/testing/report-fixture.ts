import type { ReportView } from '../report-view.js';

/** Text that would run or break out of markup if it ever reached the page unescaped. */
export const HOSTILE = '<script>alert(1)</script>';
export const HOSTILE_LABEL = '<img src=x onerror=alert(2)>';

const LABELS = ['refund', HOSTILE_LABEL, 'delivery "late"'];

function bins(shift: number) {
  return Array.from({ length: 6 }, (_, b) => ({
    lower: 0.4 + b / 10,
    upper: 0.5 + b / 10,
    meanConfidence: 0.45 + b / 10,
    accuracy: Math.min(1, 0.45 + b / 10 - shift),
    count: 10 + 5 * b,
  }));
}

/**
 * A complete report view with every kind of text data set to something hostile, for page and
 * plot tests; `overrides` replace whole sections.
 * @example renderReportHtml(reportFixture({ policy: null }), { document })
 */
export function reportFixture(overrides: Partial<ReportView> = {}): ReportView {
  const points = Array.from({ length: 11 }, (_, j) => ({
    threshold: 1 - j / 20,
    coverage: (j + 1) / 11,
    cost: 100 - 9 * j,
    accuracy: { estimate: 0.99 - j / 200, lower: 0.97 - j / 200, upper: 1 - j / 250 },
    acceptedAccuracy: { estimate: 0.995 - j / 150, lower: 0.98 - j / 150, upper: 1 },
  }));
  return {
    project: { name: `shop ${HOSTILE}`, kind: 'classify', labels: LABELS },
    generatedAt: '2025-03-01T12:00:00.000Z',
    source: { id: `llm:${HOSTILE}#ab12`, chosenBy: 'route' },
    items: { pool: 1000, gold: 300, control: 0, test: 200 },
    heldOut: {
      set: 'test',
      scored: 200,
      abstained: 2,
      unlabelled: 0,
      accuracy: { estimate: 0.9, lower: 0.85, upper: 0.94 },
      macroF1: { estimate: 0.88, lower: 0.83, upper: 0.92 },
      weightedF1: 0.9,
      perClass: LABELS.map((label, k) => ({
        label,
        support: 60 + k * 10,
        predicted: 62 + k * 9,
        precision: { estimate: 0.9, lower: 0.8, upper: 0.95 },
        recall: { estimate: k === 2 ? null : 0.88, lower: 0.78, upper: 0.94 },
        f1: 0.89,
      })),
      confusion: [
        [54, 4, 2],
        [3, 63, 4],
        [2, 5, 73],
      ],
      confusedPairs: [{ gold: HOSTILE_LABEL, predicted: 'delivery "late"', count: 4, rate: 0.057 }],
    },
    calibration: {
      method: 'temperature',
      origin: 'stored',
      fittedOn: 300,
      evaluatedOn: 'test',
      n: 200,
      before: {
        ece: { estimate: 0.08, lower: 0.06, upper: 0.1 },
        brier: 0.16,
        nll: 0.4,
        bins: bins(0.1),
      },
      after: {
        ece: { estimate: 0.02, lower: 0.01, upper: 0.04 },
        brier: 0.14,
        nll: 0.3,
        bins: bins(0),
      },
      methods: [
        { method: 'none', nll: 0.4, ece: 0.08, brier: 0.16 },
        { method: 'temperature', nll: 0.3, ece: 0.02, brier: 0.14 },
      ],
    },
    histogram: {
      calibrated: true,
      edges: Array.from({ length: 11 }, (_, b) => b / 10),
      right: [0, 0, 0, 1, 2, 5, 8, 13, 30, 120],
      wrong: [0, 0, 0, 1, 2, 3, 3, 4, 3, 5],
      pool: [0, 0, 1, 5, 20, 40, 80, 130, 200, 524],
    },
    coverage: {
      calibrated: true,
      n: 200,
      points: points.map((p, j) => ({
        threshold: p.threshold,
        coverage: p.coverage,
        accepted: Math.round(200 * p.coverage),
        accuracy: p.acceptedAccuracy.estimate,
        lower: p.acceptedAccuracy.lower - (j === 0 ? 0.3 : 0),
        upper: 1,
      })),
    },
    plan: {
      target: 0.95,
      delta: 0.05,
      currency: '$',
      assumptions: {
        machinePerItem: 0.0004,
        annotation: 0.125,
        overlap: 1,
        overlapZoneHumans: 1,
        controlRate: 0.1,
        auditRate: 0,
        humanAccuracy: 0.95,
        lo: null,
        from: 'route',
      },
      poolSize: 1000,
      poolFrom: 'pool',
      points,
      chosen: 6,
      allHuman: { cost: 137.5, accuracy: 0.95 },
      allMachine: { cost: 0.4, accuracy: { estimate: 0.9, lower: 0.85, upper: 0.94 } },
    },
    policy: {
      runId: 'route-1',
      at: '2025-03-01T11:00:00.000Z',
      source: `llm:${HOSTILE}#ab12`,
      appliesToSource: true,
      calibrator: 'temperature',
      score: 'confidence',
      target: 0.95,
      delta: 0.05,
      threshold: 0.7,
      lo: 0.4,
      perClass: { refund: 0.8, [HOSTILE_LABEL]: null },
      counts: { accept: 640, overlap: 300, human: 60 },
      sentence: `Accepting the machine's label for 64% of items. ${HOSTILE}`,
      goldItems: 300,
      goldNeeded: null,
      cost: { plan: 46.2, allHuman: 137.5, currency: '$' },
      testCheck: {
        items: 200,
        accepted: 130,
        correct: 127,
        accuracy: { estimate: 0.977, lower: 0.93, upper: 0.995 },
      },
    },
    spend: { runs: 2, items: 1500, tokensIn: 900_000, tokensOut: 3000, costUsd: 0.6 },
    decisions: {
      pool: 1000,
      zones: { accept: 640, overlap: 300, human: 60, unrouted: 0 },
      decidedBy: {
        machine: 360,
        auto: 640,
        human: 0,
        aggregated: 0,
        reviewer: 0,
        gold: 0,
        none: 0,
      },
    },
    examples: {
      mistakes: [
        {
          id: `m-${HOSTILE}`,
          text: `Where is my parcel? ${HOSTILE}`,
          gold: HOSTILE_LABEL,
          predicted: 'refund',
          confidence: 0.97,
        },
      ],
      unsure: [{ id: 'p1', text: HOSTILE, gold: null, predicted: 'refund', confidence: 0.36 }],
    },
    notes: [`The newest note mentions ${HOSTILE}.`],
    ...overrides,
  };
}
