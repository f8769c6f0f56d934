import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../../core/project.js';
import { answerScore, labelSetIndices, type TaskShape } from '../../core/task-kind/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import {
  KIND_SOURCE,
  SCALE,
  SET_LABELS,
  seedKindFixture,
  type KindTruth,
} from '../../testing/fixtures/kind-fixture.js';
import { fixtureClock } from '../../testing/fixtures/route-fixture.js';
import { calibrateVotes, loadCalibrator } from '../calibrate/index.js';
import { planPolicies } from './plan-policies.js';
import { routeItems } from './route-items.js';

const EXACT: TaskShape = {
  kind: 'multilabel',
  labels: SET_LABELS,
  measure: 'exact',
  minLabels: 0,
  maxLabels: SET_LABELS.length,
};
const PER_LABEL: TaskShape = { ...EXACT, measure: 'per-label' };
const WITHIN: TaskShape = { kind: 'rating', labels: SCALE, measure: 'within-k', withinK: 1 };

async function project(kind: 'multilabel' | 'rating', shape: TaskShape) {
  const store = new MemoryStore();
  const truth = await seedKindFixture(store, kind, { gold: 1500, pool: 3000, test: 2000 });
  const calibration = await calibrateVotes({
    store,
    clock: fixtureClock,
    source: KIND_SOURCE,
    labels: shape.labels,
    shape,
  });
  const route = (over: Partial<Parameters<typeof routeItems>[0]> = {}) =>
    routeItems({
      store,
      clock: fixtureClock,
      source: KIND_SOURCE,
      labels: shape.labels,
      shape,
      fields: ['text'],
      prices: PROJECT_DEFAULTS.prices,
      people: PROJECT_DEFAULTS.people,
      target: 0.9,
      delta: 0.05,
      ...over,
    });
  return { store, truth, calibration, route };
}

/** Accepted pool decisions and how right they are under the shape's measure. */
async function acceptedPool(store: MemoryStore, truth: KindTruth, shape: TaskShape) {
  const decisions = (await store.listDecisions({})).filter((d) => d.zone === 'accept');
  const scores = decisions.map((d) =>
    answerScore(shape, d.label as string, truth.get(d.itemId) as string),
  );
  return { decisions, scores };
}

describe('routing a multi-label project', () => {
  it('calibrates each label on its own and lowers the macro ECE of overconfident P(label)', async () => {
    const { calibration, store } = await project('multilabel', EXACT);
    expect(calibration.method).toBe('per-label');
    expect(calibration.perLabel?.labels.map((l) => l.label)).toEqual(SET_LABELS);
    const macro = calibration.perLabel?.macro;
    expect(macro?.eceAfter).toBeLessThan((macro?.eceBefore ?? 0) / 2);
    await expect(loadCalibrator(store, KIND_SOURCE)).rejects.toThrow(
      /holds one calibrator per label \(kind multilabel\)/,
    );
  });

  it('keeps the exact-set promise on held-out items and decides accepted items by their set', async () => {
    const { store, truth, route } = await project('multilabel', EXACT);
    const report = await route({ target: 0.9 });
    expect(report.policy.certified).toBe(true);
    expect(report.calibrator).toBe('per-label');
    expect(report.sentence).toContain('correct by exact-set accuracy');
    expect(report.counts.accept).toBeGreaterThan(300);
    expect(report.counts.accept).toBeLessThan(3000);
    // Held-out test items, which played no part in choosing the threshold.
    expect(report.testCheck?.accuracy.estimate).toBeGreaterThanOrEqual(0.9 - 0.02);
    expect(report.brokenPromise).toBe(false);
    const { decisions, scores } = await acceptedPool(store, truth, EXACT);
    expect(decisions).toHaveLength(report.counts.accept);
    for (const d of decisions) {
      expect(() => labelSetIndices(d.label as string, SET_LABELS)).not.toThrow();
      expect(Object.keys(d.probabilities ?? {})).toEqual(SET_LABELS);
      expect(d.decidedBy).toBe('auto');
    }
    const accuracy = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(accuracy).toBeGreaterThanOrEqual(0.9 - 0.02);
  });

  it('promises every label on its own with the per-label measure', async () => {
    const { store, truth, route } = await project('multilabel', PER_LABEL);
    const report = await route({ target: 0.95 });
    expect(report.policy.certified).toBe(true);
    expect(report.sentence).toContain('per-label accuracy, every label on its own');
    const { decisions } = await acceptedPool(store, truth, PER_LABEL);
    SET_LABELS.forEach((label, l) => {
      let right = 0;
      for (const d of decisions) {
        const said = labelSetIndices(d.label as string, SET_LABELS).includes(l);
        const is = labelSetIndices(truth.get(d.itemId) as string, SET_LABELS).includes(l);
        if (said === is) right++;
      }
      expect(right / decisions.length, label).toBeGreaterThanOrEqual(0.95 - 0.02);
    });
    expect(report.testCheck?.accuracy.estimate).toBeGreaterThanOrEqual(0.95 - 0.02);
  });

  it('refuses per-class thresholds, the meta-router and a per-label budget with the kind named', async () => {
    const exact = await project('multilabel', EXACT);
    await expect(exact.route({ mode: 'per-class' })).rejects.toThrow(
      /--per-class\) do not apply to kind multilabel/,
    );
    await expect(exact.route({ mode: 'meta' })).rejects.toThrow(/--meta\).*kind multilabel/);
    const perLabel = await project('multilabel', PER_LABEL);
    await expect(perLabel.route({ mode: 'budget', budget: 100 })).rejects.toThrow(
      /set multilabel.measure to exact/,
    );
  });

  it('plans with the same certified choice as routing', async () => {
    const { store, route } = await project('multilabel', PER_LABEL);
    const plan = await planPolicies({
      store,
      source: KIND_SOURCE,
      labels: SET_LABELS,
      shape: PER_LABEL,
      fields: ['text'],
      prices: PROJECT_DEFAULTS.prices,
      people: PROJECT_DEFAULTS.people,
      target: 0.95,
      delta: 0.05,
      humanAccuracy: 0.95,
    });
    const report = await route({ target: 0.95 });
    const chosen = plan.table.chosen === null ? null : plan.table.rows[plan.table.chosen];
    expect(chosen?.threshold).toBe(report.policy.threshold);
    expect(plan.measure).toMatch(/certified rows test each label on its own/);
  });
});

describe('routing a rating project within ±k', () => {
  it('accepts the best ±1 window and keeps the within-k promise on held-out items', async () => {
    const { store, truth, route } = await project('rating', WITHIN);
    const report = await route();
    expect(report.policy.certified).toBe(true);
    expect(report.sentence).toContain('correct by accuracy within ±1');
    expect(report.testCheck?.accuracy.estimate).toBeGreaterThanOrEqual(0.9 - 0.02);
    const { decisions, scores } = await acceptedPool(store, truth, WITHIN);
    expect(decisions.length).toBe(report.counts.accept);
    expect(scores.reduce((a, b) => a + b, 0) / scores.length).toBeGreaterThanOrEqual(0.9 - 0.02);
    // Exact accuracy is a harder promise: fewer items can be accepted for it.
    const exact = await route({ shape: { ...WITHIN, measure: 'exact' } });
    expect(exact.counts.accept).toBeLessThan(report.counts.accept);
    expect(exact.sentence).not.toContain('within');
  });
});
