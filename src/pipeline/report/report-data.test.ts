import { describe, expect, it } from 'vitest';
import { syntheticPredictions } from '../../core/calibration/synthetic-predictions.js';
import type { ProjectConfig } from '../../core/project.js';
import type { Decision, Item, ItemRole, NewVote } from '../../core/types.js';
import { gatherReportData } from './report-data.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { labelRun, routeRun } from '../../testing/builders/run-builders.js';
import { item, project as aProject, vote as aVote } from '../../testing/builders/index.js';

const LABELS = ['billing', 'delivery', 'refund'];
const SOURCE = 'model:local@1';
const clock = { now: () => Date.parse('2025-03-01T12:00:00Z') };
const RUN_TIMES = { startedAt: '2025-03-01T10:00:00Z', endedAt: '2025-03-01T10:01:00Z' };

const project: ProjectConfig = aProject({
  name: 'support',
  labels: LABELS,
  labeller: {
    default: 'local',
    llm: { confidence: 'auto', requestsPerMinute: 1, tokensPerMinute: 1 },
    local: { wordNgrams: 1, charNgrams: [2, 3], epochs: 1 },
  },
  prices: { models: {}, humanHourlyUsd: 30, humanItemsPerHour: 60, hostingPerHourUsd: 0 },
});

function vote(itemId: string, probs: Float64Array, row: number, source = SOURCE): NewVote {
  const p = Object.fromEntries(LABELS.map((l, k) => [l, probs[row * 3 + k] as number]));
  const top = LABELS.reduce((a, b) => ((p[b] as number) > (p[a] as number) ? b : a));
  return aVote(itemId, source, {
    label: top,
    probabilities: p,
    method: 'local-model',
    createdAt: '2025-03-01T00:00:00Z',
  });
}

/**
 * A store with an overconfident labeller (reported = softmax(2.5·z)): gold and test items
 * carry the drawn label, pool items none.
 */
async function seededStore(
  counts: Partial<Record<ItemRole, number>>,
  spend = { costUsd: 0, items: 0 },
): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.createRun(
    labelRun('label-1', SOURCE, {
      ...RUN_TIMES,
      itemsDone: spend.items,
      tokensIn: 1000,
      tokensOut: 10,
      costUsd: spend.costUsd,
    }),
  );
  for (const [role, n] of Object.entries(counts) as [ItemRole, number][]) {
    const data = syntheticPredictions({
      n,
      K: 3,
      temperature: 2.5,
      spread: 1.5,
      seed: role.length * 7,
    });
    const items: Item[] = [];
    const votes: NewVote[] = [];
    for (let i = 0; i < n; i++) {
      const id = `${role}-${String(i).padStart(4, '0')}`;
      const label = LABELS[data.labels[i] as number] as string;
      items.push(
        item(id, {
          fields: { text: `${role} text ${i}` },
          role,
          goldLabel: role === 'pool' ? null : label,
        }),
      );
      votes.push(vote(id, data.probs, i));
    }
    await store.upsertItems(items);
    await store.addVotes(votes);
  }
  return store;
}

describe('gatherReportData', () => {
  it('scores test items, fits its own calibration when none is stored, and says no policy was chosen', async () => {
    const store = await seededStore(
      { gold: 400, test: 400, pool: 300 },
      { costUsd: 1.5, items: 1100 },
    );
    const data = await gatherReportData({ store, project, clock });

    expect(data.source).toEqual({ id: SOURCE, chosenBy: 'label-run', runId: 'label-1' });
    expect(data.items).toEqual({ pool: 300, gold: 400, control: 0, test: 400 });
    const held = data.heldOut!;
    expect(held.set).toBe('test');
    expect(held.scored).toBe(400);
    const diagonal = held.confusion.reduce((s, row, g) => s + (row[g] as number), 0);
    expect(held.accuracy.estimate).toBeCloseTo(diagonal / 400, 12);
    expect(held.accuracy.lower).toBeLessThan(held.accuracy.estimate);
    expect(held.accuracy.upper).toBeGreaterThan(held.accuracy.estimate);
    expect(held.perClass.map((c) => c.label)).toEqual(LABELS);
    expect(held.perClass.reduce((s, c) => s + c.support, 0)).toBe(400);

    const cal = data.calibration!;
    expect(cal).toMatchObject({ origin: 'fitted', evaluatedOn: 'test', fittedOn: 400, n: 400 });
    expect(cal.methods.map((m) => m.method).sort()).toEqual([
      'histogram',
      'isotonic',
      'none',
      'platt',
      'temperature',
    ]);
    // The labeller is overconfident by construction: calibration must shrink the error a lot.
    expect(cal.before.ece.estimate).toBeGreaterThan(0.08);
    expect(cal.after.ece.estimate).toBeLessThan(cal.before.ece.estimate / 2);
    expect(cal.before.bins.reduce((s, b) => s + b.count, 0)).toBe(400);

    expect(data.policy).toBeNull();
    expect(data.plan?.chosen).toBeNull();
    expect(data.plan?.poolFrom).toBe('pool');
    expect(data.plan?.poolSize).toBe(300);
    expect(data.plan?.assumptions.machinePerItem).toBeCloseTo(1.5 / 1100, 12);
    // People alone: 300 items × 1 person (people.overlap.human) × $0.50 × 10/9 for controls
    // (people.controlRate: 10% of served items).
    expect(data.plan?.allHuman.cost).toBeCloseTo((300 * 0.5 * 10) / 9, 9);
    expect(data.plan?.assumptions).toMatchObject({
      overlap: 1,
      overlapZoneHumans: 2,
      dynamicOverlap: { max: 5, targetPosterior: 0.9, humanAccuracy: 0.95 },
    });
    expect(data.plan?.staffing).toMatch(/people\.overlap\.max: 5/);
    const costs = data.plan!.points.map((p) => p.cost);
    // Strictest first: each looser threshold accepts more and sends fewer items to people.
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    expect(data.plan!.points.at(-1)?.coverage).toBe(1);
    expect(data.plan!.points.every((p) => Number.isFinite(p.acceptedAccuracy.estimate))).toBe(true);

    const hist = data.histogram!;
    expect(hist.edges).toHaveLength(21);
    expect(hist.right.reduce((a, b) => a + b) + hist.wrong.reduce((a, b) => a + b)).toBe(400);
    expect(hist.pool.reduce((a, b) => a + b)).toBe(300);
    expect(hist.calibrated).toBe(true);

    const cov = data.coverage!;
    expect(cov.points.at(-1)).toMatchObject({ coverage: 1, accepted: 400 });
    expect(cov.points.at(-1)!.accuracy).toBeCloseTo(held.accuracy.estimate, 12);
    expect(cov.points.length).toBeLessThanOrEqual(151);

    expect(data.spend).toMatchObject({ runs: 1, items: 1100, costUsd: 1.5 });
    expect(data.decisions).toMatchObject({ pool: 300, zones: { unrouted: 300 } });
    expect(data.generatedAt).toBe('2025-03-01T12:00:00.000Z');
  });

  it('lists the most confident mistakes and the least sure pool items with their text', async () => {
    const store = await seededStore({ gold: 60, test: 80, pool: 50 });
    const data = await gatherReportData({ store, project, clock, examples: 4 });
    const { mistakes, unsure } = data.examples;
    expect(mistakes).toHaveLength(4);
    expect(mistakes.every((m) => m.gold !== m.predicted && m.text.startsWith('test text'))).toBe(
      true,
    );
    const conf = mistakes.map((m) => m.confidence);
    expect(conf).toEqual([...conf].sort((a, b) => b - a));
    expect(unsure).toHaveLength(4);
    const low = unsure.map((u) => u.confidence);
    expect(low).toEqual([...low].sort((a, b) => a - b));
    const lowest = data.histogram!.pool.findIndex((count) => count > 0);
    expect(low[0]).toBeGreaterThanOrEqual(data.histogram!.edges[lowest] as number);
    expect(low[0]).toBeLessThan(data.histogram!.edges[lowest + 1] as number);
    const none = await gatherReportData({ store, project, clock, examples: 0 });
    expect(none.examples).toEqual({ mistakes: [], unsure: [] });
  });

  it('falls back to gold items scored out of fold when there are no test votes', async () => {
    const store = await seededStore({ gold: 300, pool: 40 });
    const data = await gatherReportData({ store, project, clock });
    expect(data.heldOut?.set).toBe('gold');
    expect(data.heldOut?.scored).toBe(300);
    expect(data.calibration).toMatchObject({
      origin: 'fitted',
      evaluatedOn: 'gold-cross-fitted',
      n: 300,
    });
    expect(data.calibration!.after.ece.estimate).toBeLessThan(
      data.calibration!.before.ece.estimate,
    );
  });

  it('uses the stored calibrator and the routing run, and marks the chosen threshold', async () => {
    const store = await seededStore({ gold: 200, test: 200, pool: 200 });
    await store.saveModel({
      name: `calibrator:${SOURCE}`,
      payload: JSON.stringify({ method: 'temperature', K: 3, temperature: 2.5 }),
      metrics: {},
      trainedOn: 200,
      createdAt: '2025-03-01T00:00:00Z',
    });
    const route = routeRun('route-1', {
      source: SOURCE,
      target: 0.9,
      delta: 0.1,
      threshold: 0.8,
      lo: 0.5,
      counts: { accept: 120, overlap: 50, human: 30 },
      sentence: "Accepting the machine's label for 60% of items.",
      certified: true,
      goldItems: 200,
      testCheck: {
        items: 200,
        accepted: 120,
        correct: 113,
        accuracy: { estimate: 113 / 120, lower: 0.88, upper: 0.97 },
      },
    });
    const cost = { plan: 40, allHuman: 110, machinePerItem: 0.001, annotation: 0.5, overlap: 2 };
    await store.createRun({
      ...route,
      ...RUN_TIMES,
      config: {
        ...route.config,
        cost: { ...route.config.cost, ...cost, controlRate: 0.2, auditRate: 0.05 },
      },
    });
    const data = await gatherReportData({ store, project, clock });
    expect(data.source).toEqual({ id: SOURCE, chosenBy: 'label-run', runId: 'label-1' });
    expect(data.calibration).toMatchObject({
      origin: 'stored',
      method: 'temperature',
      fittedOn: 200,
      methods: [],
    });
    expect(data.policy).toMatchObject({
      appliesToSource: true,
      threshold: 0.8,
      target: 0.9,
      delta: 0.1,
      goldItems: 200,
    });
    expect(data.policy?.cost).toEqual({ plan: 40, allHuman: 110, currency: '$' });
    expect(data.policy?.testCheck).toMatchObject({ items: 200, accepted: 120, correct: 113 });
    expect(data.policy?.perClass).toBeNull();
    const plan = data.plan!;
    expect(plan).toMatchObject({ target: 0.9, delta: 0.1 });
    expect(plan.assumptions).toMatchObject({
      from: 'route',
      lo: 0.5,
      machinePerItem: 0.001,
      annotation: 0.5,
      overlap: 2,
      controlRate: 0.2,
      auditRate: 0.05,
    });
    // People alone for 200 pool items: 200 × 2 people × $0.50 × 1.2 for controls.
    expect(plan.allHuman.cost).toBeCloseTo(240, 9);
    expect(plan.points[plan.chosen!]?.threshold).toBe(0.8);
  });

  it('reads per-class and meta-router policies without marking a confidence threshold', async () => {
    const store = await seededStore({ gold: 60, test: 60, pool: 30 });
    await store.createRun(
      routeRun(
        'route-1',
        {
          source: SOURCE,
          score: 'router',
          threshold: 0.6,
          thresholds: { billing: 0.9, refund: null },
          goldNeededDetail: {
            threshold: 0.9,
            observedAccuracy: 0.98,
            goldCoverage: 0.5,
            acceptedNeeded: 90,
            totalGold: 180,
            additionalGold: 120,
          },
        },
        RUN_TIMES,
      ),
    );
    const data = await gatherReportData({ store, project, clock });
    expect(data.policy).toMatchObject({
      score: 'router',
      perClass: { billing: 0.9, refund: null },
      goldNeeded: { additional: 120, total: 180 },
      testCheck: null,
    });
    expect(data.plan?.chosen).toBeNull();
  });

  it('counts the spend of every label run of the source, a failed one too', async () => {
    const store = await seededStore({ gold: 30, test: 30 }, { costUsd: 0.5, items: 60 });
    const later = { startedAt: '2025-03-01T11:00:00Z', endedAt: '2025-03-01T11:01:00Z' };
    await store.createRun(
      labelRun('label-2', SOURCE, { ...later, status: 'failed', itemsDone: 5, costUsd: 0.25 }),
    );
    await store.createRun(labelRun('label-3', 'llm:mini#ab12', { ...later, costUsd: 9 }));
    const data = await gatherReportData({ store, project, clock, source: SOURCE });
    expect(data.spend).toMatchObject({ runs: 2, items: 65, costUsd: 0.75 });
  });

  it('reports the labeller of the newest finished label run, not that of the newest policy', async () => {
    const store = await seededStore({ gold: 30, test: 30 });
    await store.createRun(routeRun('route-1', { source: SOURCE }, RUN_TIMES));
    const source = 'llm:mini#ab12';
    await store.addVotes([vote('test-0000', Float64Array.of(0.1, 0.2, 0.7), 0, source)]);
    const later = { startedAt: '2025-03-01T11:00:00Z', endedAt: '2025-03-01T11:01:00Z' };
    await store.createRun(labelRun('label-2', source, { ...later, costUsd: 0.5 }));
    // Its rerun was cut short: an interrupted run is never the current labeller.
    const latest = { startedAt: '2025-03-01T11:30:00Z', endedAt: '2025-03-01T11:31:00Z' };
    await store.createRun(labelRun('label-3', SOURCE, { ...latest, status: 'interrupted' }));
    const data = await gatherReportData({ store, project, clock });
    expect(data.source).toEqual({ id: source, chosenBy: 'label-run', runId: 'label-2' });
    expect(data.spend.costUsd).toBe(0.5);
    expect(data.heldOut?.scored).toBe(1);
    expect(data.policy?.appliesToSource).toBe(false);
    expect(data.notes.join(' ')).toContain(`chosen for ${SOURCE}, not for ${source}`);
  });

  it('keeps a policy chosen for another labeller off the curves and says so', async () => {
    const store = await seededStore({ gold: 50, test: 50 });
    await store.createRun(routeRun('route-1', { source: 'llm:x', threshold: 0.7 }, RUN_TIMES));
    const data = await gatherReportData({ store, project, clock, source: SOURCE });
    expect(data.source.chosenBy).toBe('flag');
    expect(data.policy?.appliesToSource).toBe(false);
    expect(data.plan?.chosen).toBeNull();
    expect(data.plan?.poolFrom).toBe('held-out');
    expect(data.notes.join(' ')).toContain('llm:x');
  });

  it('counts abstentions, pool decisions and zones, and is plain JSON without NaN', async () => {
    const store = await seededStore({ gold: 30, test: 30, pool: 20 });
    await store.upsertItems([
      item('test-x', { fields: { text: 'x' }, role: 'test', goldLabel: 'refund' }),
    ]);
    await store.addVotes([
      { ...vote('test-x', new Float64Array(3), 0), label: null, probabilities: null },
    ]);
    const decision = (
      itemId: string,
      zone: Decision['zone'],
      decidedBy: Decision['decidedBy'],
    ): Decision => ({
      itemId,
      label: 'billing',
      confidence: 0.9,
      probabilities: null,
      decidedBy,
      source: SOURCE,
      voteIds: [],
      zone,
      updatedAt: '2025-03-01T00:00:00Z',
    });
    await store.putDecisions([
      decision('pool-0000', 'accept', 'auto'),
      decision('pool-0001', 'human', 'human'),
      decision('pool-0002', null, 'machine'),
    ]);
    const data = await gatherReportData({ store, project, clock });
    expect(data.heldOut).toMatchObject({ scored: 30, abstained: 1 });
    expect(data.decisions.zones).toEqual({ accept: 1, overlap: 0, human: 1, unrouted: 18 });
    expect(data.decisions.decidedBy).toMatchObject({ auto: 1, human: 1, machine: 1, none: 17 });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(await gatherReportData({ store, project, clock })).toEqual(data);
  });

  it('reports raw confidence when gold is too small to calibrate', async () => {
    const store = await seededStore({ gold: 5, test: 40 });
    const data = await gatherReportData({ store, project, clock });
    expect(data.calibration).toBeNull();
    expect(data.histogram?.calibrated).toBe(false);
    expect(data.notes.join(' ')).toMatch(/Only 5 gold items/);
  });

  it('fails with NOT_FOUND when no labeller has voted or been trained', async () => {
    await expect(
      gatherReportData({ store: new MemoryStore(), project, clock }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
