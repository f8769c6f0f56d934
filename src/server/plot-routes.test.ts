import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardPlotsResponse, PeoplePlotsResponse } from '../contract/people-api.js';
import { syntheticPredictions } from '../core/calibration/synthetic-predictions.js';
import { DEFAULT_PEOPLE_CONFIG, PROJECT_DEFAULTS, type ProjectConfig } from '../core/project.js';
import { createRng } from '../core/rng.js';
import type { Item, ItemRole, NewVote } from '../core/types.js';
import { labelRun, routeRun } from '../testing/builders/run-builders.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';
import { signedIn } from '../testing/people/signed-in.js';
import { createServer } from './create-server.js';

const EVIL = '<script>alert(1)</script>';
const LABELS = ['refund', EVIL, 'delivery'];
const SOURCE = 'model:local@1';
const RUN_TIMES = { startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:01:00Z' };

const project = {
  ...PROJECT_DEFAULTS,
  name: `shop ${EVIL}`,
  kind: 'classify',
  fields: ['text'],
  labels: LABELS.map((name) => ({ name, description: '' })),
  guidelines: '',
  prices: { models: {}, humanHourlyUsd: 20, humanItemsPerHour: 120, hostingPerHourUsd: 0 },
  database: null,
  people: DEFAULT_PEOPLE_CONFIG,
} as unknown as ProjectConfig;

let app: FastifyInstance;
let store: MemoryStore;
let now: number;
let admin: string;
let ann: string;

beforeEach(async () => {
  store = new MemoryStore();
  now = Date.UTC(2026, 0, 1);
  const clock = { now: () => now };
  admin = (await signedIn({ store, project, clock }, { name: 'Root', role: 'admin' })).session;
  ann = (await signedIn({ store, project, clock }, { name: 'Ada', role: 'annotator' })).session;
  app = await createServer({ store, project, clock, rng: createRng(1) });
});
afterEach(async () => {
  await app.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function plots(token = admin) {
  const res = await app.inject({ method: 'GET', url: '/api/admin/plots', headers: bearer(token) });
  return { status: res.statusCode, body: res.body, data: res.json<DashboardPlotsResponse>() };
}

/** Gold, test and pool items whose text is hostile, with an overconfident machine's votes. */
async function seed(): Promise<void> {
  for (const role of ['gold', 'test', 'pool'] as ItemRole[]) {
    const n = role === 'pool' ? 120 : 150;
    const data = syntheticPredictions({ n, K: 3, temperature: 2.5, spread: 1.5, seed: n });
    const items: Item[] = [];
    const votes: NewVote[] = [];
    for (let i = 0; i < n; i++) {
      const id = `${role}-${i}`;
      const p = Object.fromEntries(LABELS.map((l, k) => [l, data.probs[i * 3 + k] as number]));
      items.push({
        id,
        fields: { text: `${EVIL} ${i}` },
        role,
        batch: null,
        goldLabel: role === 'pool' ? null : (LABELS[data.labels[i] as number] as string),
      });
      votes.push({
        itemId: id,
        source: SOURCE,
        label: LABELS.reduce((a, b) => ((p[b] as number) > (p[a] as number) ? b : a)),
        probabilities: p,
        method: 'local-model',
        otherMass: 0,
        verbalized: null,
        rationale: null,
        abstainReason: null,
        runId: 'label-1',
        tokensIn: 0,
        tokensOut: 0,
        costUsd: 0,
        latencyMs: 0,
        timeSpentMs: null,
        createdAt: '2026-01-01T00:00:00Z',
      });
    }
    await store.upsertItems(items);
    await store.addVotes(votes);
  }
  await store.createRun(labelRun('label-1', SOURCE, RUN_TIMES));
  // A routing run whose recorded currency is hostile text: it lands on the cost axis.
  const route = routeRun('route-1', { source: SOURCE, target: 0.9, delta: 0.1, threshold: 0.8 });
  await store.createRun({
    ...route,
    ...RUN_TIMES,
    config: {
      ...route.config,
      cost: { ...route.config.cost, plan: 10, allHuman: 40, currency: EVIL },
    },
  });
}

describe('GET /api/admin/plots', () => {
  it('is for admins only, and listed in the OpenAPI document', async () => {
    expect((await plots(ann)).status).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/admin/plots' })).statusCode).toBe(401);
    expect((await plots('forged-token-forged-token')).status).toBe(401);
    const doc = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.json<{ paths: Record<string, unknown> }>().paths['/api/admin/plots']).toHaveProperty(
      'get',
    );
  });

  it('says there is no calibration yet in a new project instead of drawing nothing', async () => {
    const { status, data } = await plots();
    expect(status).toBe(200);
    expect(data.source).toBeNull();
    expect(data.routing).toBeNull();
    expect(data.calibration.svg).toBeNull();
    expect(data.calibration.caption).toMatch(/^No calibration yet — run hilo calibrate\./);
    expect(data.costAccuracy.svg).toBeNull();
    expect(data.costAccuracy.caption).toMatch(/No cost–accuracy curve yet/);
  });

  it('draws the report’s reliability and cost–accuracy plots with every text escaped', async () => {
    await seed();
    const { status, body, data } = await plots();
    expect(status).toBe(200);
    expect(data.source).toBe(SOURCE);
    expect(data.routing).toEqual({ pool: 120, accept: 0, overlap: 0, human: 0, unrouted: 120 });
    const reliability = data.calibration.svg ?? '';
    const cost = data.costAccuracy.svg ?? '';
    expect(reliability).toMatch(/^<svg\b[^>]*\bid="plot-reliability"/);
    expect(reliability).toContain('aria-label="Reliability diagram before and after calibration"');
    expect(cost).toMatch(/^<svg\b[^>]*\bid="plot-cost-accuracy"/);
    expect(data.costAccuracy.caption).toMatch(/ringed point is the chosen policy/);
    // The hostile currency is on the cost axis, as text.
    expect(cost).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const svg of [reliability, cost]) {
      expect(svg).not.toMatch(/<script|<img|<foreignObject|\son[a-z]+=/i);
      expect(svg).not.toMatch(/<[a-z][^>]*\s(?:src|href|xlink:href)\s*=\s*"(?!#)/i);
    }
    expect(body).not.toContain(EVIL);
  });

  it('plots the current labeller: never one whose label run failed', async () => {
    await seed();
    const llm = 'llm:mini#ab12';
    const later = { startedAt: '2026-01-02T00:00:00Z', endedAt: '2026-01-02T00:01:00Z' };
    await store.createRun(labelRun('label-2', llm, { ...later, status: 'failed' }));
    expect((await plots()).data.source).toBe(SOURCE);
    await store.createRun(labelRun('label-3', llm, later));
    expect((await plots()).data.source).toBe(llm);
  });

  it('keeps the drawn plots until a run or the labeller’s calibrator changes, or a minute passes', async () => {
    await seed();
    const calibrator = { payload: '{}', metrics: {}, trainedOn: 150, createdAt: '' };
    await store.saveModel({ name: `calibrator:${SOURCE}`, ...calibrator });
    const first = (await plots()).data;
    now += 5_000;
    expect((await plots()).data.generatedAt).toBe(first.generatedAt);
    await store.createRun(labelRun('label-2', SOURCE, RUN_TIMES));
    const afterRun = (await plots()).data;
    expect(afterRun.generatedAt).not.toBe(first.generatedAt);
    now += 5_000;
    await store.saveModel({ name: 'calibrator:another-labeller', ...calibrator });
    expect((await plots()).data.generatedAt).toBe(afterRun.generatedAt);
    await store.saveModel({ name: `calibrator:${SOURCE}`, ...calibrator });
    const afterCalibration = (await plots()).data;
    expect(afterCalibration.generatedAt).not.toBe(afterRun.generatedAt);
    now += 5_000;
    expect((await plots()).data.generatedAt).toBe(afterCalibration.generatedAt);
    now += 61_000;
    expect((await plots()).data.generatedAt).not.toBe(afterCalibration.generatedAt);
  });

  it('draws once for requests that arrive together', async () => {
    await seed();
    let reads = 0;
    const listItems = store.listItems.bind(store);
    store.listItems = async (query) => {
      reads += 1;
      return listItems(query);
    };
    const all = await Promise.all([plots(), plots(), plots()]);
    expect(new Set(all.map((r) => r.data.generatedAt)).size).toBe(1);
    const once = reads;
    await plots();
    expect(reads).toBe(once);
  });
});

describe('GET /api/admin/people-plots', () => {
  const get = async (token = admin) => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/people-plots',
      headers: bearer(token),
    });
    return { status: res.statusCode, data: res.json<PeoplePlotsResponse>() };
  };

  it('is for admins only, and says what is missing before anyone answered', async () => {
    expect((await get(ann)).status).toBe(403);
    const { status, data } = await get();
    expect(status).toBe(200);
    expect(data.agreement).toEqual({
      svg: null,
      caption: 'No item has answers from two people yet.',
    });
    expect(data.quality).toEqual({ svg: null, caption: 'No answers yet.' });
  });

  it('draws the agreement histogram and quality over time, with names escaped, and redraws after 10 s', async () => {
    await store.upsertItems(
      ['t1', 't2'].map((id) => ({
        id,
        fields: { text: id },
        role: 'pool' as const,
        batch: null,
        goldLabel: null,
      })),
    );
    await store.people.upsertQueue(
      ['t1', 't2'].map((itemId) => ({
        itemId,
        kind: 'task' as const,
        zone: 'overlap' as const,
        priority: 0,
        overlap: 2,
        goldLabel: null,
        reviewReason: null,
      })),
    );
    await signedIn(
      { store, project, clock: { now: () => now } },
      { name: EVIL, role: 'annotator' },
    );
    const people = await store.people.listAnnotators();
    const id = (name: string) => people.find((p) => p.name === name)?.id ?? '';
    const vote = (itemId: string, who: string, label: string, at: string): NewVote => ({
      itemId,
      source: `human:${who}`,
      label,
      probabilities: { [label]: 1 },
      method: 'human',
      otherMass: 0,
      verbalized: null,
      rationale: null,
      abstainReason: null,
      runId: null,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
      latencyMs: 0,
      timeSpentMs: 4000,
      createdAt: at,
    });
    await store.addVotes([
      vote('t1', id('Ada'), 'refund', '2026-01-01T09:10:00Z'),
      vote('t1', id(EVIL), 'refund', '2026-01-01T09:20:00Z'),
      vote('t2', id('Ada'), 'refund', '2026-01-01T10:10:00Z'),
      vote('t2', id(EVIL), 'delivery', '2026-01-01T10:20:00Z'),
    ]);
    const { data } = await get();
    expect(data.agreement.svg).toContain('id="plot-agreement"');
    expect(data.agreement.caption).toContain('on 2 items answered by two or more');
    expect(data.agreement.caption).toContain('Mean 50%; 1 unanimous.');
    expect(data.quality.svg).toContain('id="plot-quality-time"');
    // Inside quoted attributes `<` is text; everywhere else it must be escaped.
    expect(data.quality.svg?.replace(/"[^"]*"/g, '""')).not.toContain('<script>');
    expect(data.quality.svg).toContain('&lt;script&gt;');
    expect(data.quality.caption).toContain(
      'per hour, UTC, for the project and the 2 busiest people',
    );
    await store.addVotes([vote('t2', id('Root'), 'refund', '2026-01-01T10:30:00Z')]);
    expect((await get()).data.agreement.caption).toContain('Mean 50%');
    now += 10_001;
    expect((await get()).data.agreement.caption).toContain('Mean 67%');
  });
});
