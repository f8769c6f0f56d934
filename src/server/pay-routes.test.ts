import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leaderboardResponse, payResponse } from '../contract/pay-api.js';
import { DEFAULT_PEOPLE_CONFIG, type LeaderboardSetting } from '../core/project.js';
import { createRng } from '../core/rng.js';
import { buildQueue } from '../pipeline/people/index.js';
import { item, project as aProject } from '../testing/builders/index.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';
import { signedIn } from '../testing/people/signed-in.js';
import { createServer } from './create-server.js';
import { LEADERBOARD_MAX_AGE_MS } from './pay-routes.js';

let app: FastifyInstance;
let now: number;
const tokens: Record<string, string> = {};
const bearer = (who: string) => ({ authorization: `Bearer ${tokens[who] ?? ''}` });

/** Ada answers three controls right and a task; Bob gets one control wrong. Each takes a minute. */
async function start(leaderboard: LeaderboardSetting): Promise<void> {
  const store = new MemoryStore();
  now = Date.UTC(2026, 11, 2, 10, 0);
  const clock = { now: () => now };
  const project = aProject({
    prices: { models: {}, humanHourlyUsd: 20, humanItemsPerHour: 120, hostingPerHourUsd: 0 },
    people: {
      ...DEFAULT_PEOPLE_CONFIG,
      exam: { size: 0, threshold: 0 },
      controlRate: 1,
      overlap: { human: 2, overlap: 2, max: 2 },
      pay: { basis: 'answer', bonus: { controlAccuracyAtLeast: 0.9, minControls: 3, percent: 10 } },
      leaderboard,
    },
  });
  await store.upsertItems([
    ...['p1', 'p2'].map((id) => item(id)),
    ...['c1', 'c2', 'c3'].map((id) => item(id, { role: 'control', goldLabel: 'spam' })),
  ]);
  const ctx = { store, project, clock, rng: createRng(3) };
  await buildQueue(ctx);
  for (const [name, role] of [
    ['Root', 'admin'],
    ['Ada', 'annotator'],
    ['Bob', 'annotator'],
  ] as const)
    tokens[name] = (await signedIn(ctx, { name, role })).session;
  app = await createServer({ ...ctx, rateLimits: {} });
  for (const [who, labels] of [
    ['Ada', ['spam', 'spam', 'spam', 'ham']],
    ['Bob', ['spam', 'ham', 'spam', 'ham']],
  ] as const) {
    for (const label of labels) {
      const next = await app.inject({ method: 'GET', url: '/api/next', headers: bearer(who) });
      const itemId = (next.json() as { item: { itemId: string } }).item.itemId;
      now += 60_000;
      const answered = await app.inject({
        method: 'POST',
        url: '/api/answers',
        headers: bearer(who),
        payload: { itemId, label, timeSpentMs: 60_000 },
      });
      expect(answered.statusCode, answered.body).toBe(200);
    }
  }
}

afterEach(async () => {
  await app.close();
});

describe('pay and leaderboard routes', () => {
  describe('anonymous leaderboard', () => {
    beforeEach(() => start('anonymous'));

    it('shows an annotator their own name and rank, others without names or pay', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/leaderboard',
        headers: bearer('Bob'),
      });
      expect(res.statusCode).toBe(200);
      const board = leaderboardResponse.parse(res.json());
      // Month to date: 1–2 December. Ada 4 × Wilson low of 3/3 (0.438) = 1.75 beats
      // Bob 4 × Wilson low of 2/3 (0.208) = 0.83.
      expect(board.period).toMatchObject({ from: '2026-12-01', to: '2026-12-02' });
      expect(board.top.map((r) => [r.rank, r.name, r.you, r.answers])).toEqual([
        [1, null, false, 4],
        [2, 'Bob', true, 4],
      ]);
      expect(board.top[0]?.score).toBeCloseTo(4 * 0.4385, 3);
      expect(board.you).toMatchObject({ rank: 2, name: 'Bob' });
      expect(res.body).not.toMatch(/Ada|Usd|"id"/);
    });

    it('gives admins everyone’s pay at the cost model’s price: $20 / 120 per answer', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/admin/pay?from=2026-12-01&to=2026-12-31',
        headers: bearer('Root'),
      });
      expect(res.statusCode, res.body).toBe(200);
      const pay = payResponse.parse(res.json());
      expect(pay.rate.usd).toBeCloseTo(1 / 6, 12);
      // 4 × $0.1667 = $0.67; Ada's 3/3 controls earn 10%: 6.7¢ → 7¢.
      expect(pay.people.map((p) => [p.rank, p.name, p.baseUsd, p.bonusUsd, p.totalUsd])).toEqual([
        [1, 'Ada', 0.67, 0.07, 0.74],
        [2, 'Bob', 0.67, 0, 0.67],
      ]);
      expect(pay.people[0]?.hours).toBeCloseTo(4 / 60, 12);
      expect(pay.totals).toMatchObject({ answers: 8, totalUsd: 1.41 });
      expect(pay.leaderboard).toBe('anonymous');
    });

    it('counts only the days asked for', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/admin/pay?from=2026-12-03&to=2026-12-31',
        headers: bearer('Root'),
      });
      expect(payResponse.parse(res.json()).people).toEqual([]);
    });

    it('refuses pay to annotators and bad dates with one line', async () => {
      const forbidden = await app.inject({
        method: 'GET',
        url: '/api/admin/pay',
        headers: bearer('Ada'),
      });
      expect(forbidden.statusCode).toBe(403);
      const bad = await app.inject({
        method: 'GET',
        url: '/api/admin/pay?from=2026-02-30',
        headers: bearer('Root'),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('from "2026-02-30" is not a date (YYYY-MM-DD)'),
      });
      const reversed = await app.inject({
        method: 'GET',
        url: '/api/leaderboard?from=2026-12-31&to=2026-12-01',
        headers: bearer('Ada'),
      });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().message).toMatch(/^to 2026-12-01 is before from 2026-12-31/);
      const unknown = await app.inject({
        method: 'GET',
        url: '/api/leaderboard?form=x',
        headers: bearer('Ada'),
      });
      expect(unknown.statusCode).toBe(400);
      expect((await app.inject({ method: 'GET', url: '/api/leaderboard' })).statusCode).toBe(401);
    });
  });

  it('counts the leaderboard at most once a minute for everyone who opens it', async () => {
    await start('names');
    const answersOf = async () =>
      leaderboardResponse
        .parse(
          (
            await app.inject({ method: 'GET', url: '/api/leaderboard', headers: bearer('Bob') })
          ).json(),
        )
        .top.map((r) => [r.name, r.answers]);
    expect(await answersOf()).toEqual([
      ['Ada', 4],
      ['Bob', 4],
    ]);
    const next = await app.inject({ method: 'GET', url: '/api/next', headers: bearer('Ada') });
    const itemId = (next.json() as { item: { itemId: string } }).item.itemId;
    now += 1000;
    await app.inject({
      method: 'POST',
      url: '/api/answers',
      headers: bearer('Ada'),
      payload: { itemId, label: 'spam', timeSpentMs: 1000 },
    });
    expect(await answersOf()).toEqual([
      ['Ada', 4],
      ['Bob', 4],
    ]);
    now += LEADERBOARD_MAX_AGE_MS;
    expect(await answersOf()).toEqual([
      ['Ada', 5],
      ['Bob', 4],
    ]);
  });

  it('shows names when the project says names', async () => {
    await start('names');
    const res = await app.inject({
      method: 'GET',
      url: '/api/leaderboard',
      headers: bearer('Bob'),
    });
    expect(leaderboardResponse.parse(res.json()).top.map((r) => r.name)).toEqual(['Ada', 'Bob']);
  });

  it('has no rows when the leaderboard is off, while admins still see pay', async () => {
    await start('off');
    const res = await app.inject({
      method: 'GET',
      url: '/api/leaderboard',
      headers: bearer('Ada'),
    });
    expect(leaderboardResponse.parse(res.json())).toMatchObject({
      mode: 'off',
      top: [],
      you: null,
    });
    const pay = await app.inject({ method: 'GET', url: '/api/admin/pay', headers: bearer('Root') });
    expect(payResponse.parse(pay.json()).people).toHaveLength(2);
  });
});
