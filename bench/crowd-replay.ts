/**
 * Replays real crowds through the people quality rules, with simulated spammers added:
 * how many spammers the exam and the rules (`checkRules`, with the exam and control settings of
 * PROJECT_DEFAULTS) stop, after how many answers, and how many honest real workers they stop.
 *
 *   npx tsx bench/crowd-replay.ts [--spammers 50] [--budget 200] [--seed 1] [--settings previous,defaults,exam10,exam10-bound]
 *
 * How one person is replayed, as `hilo serve` would treat them:
 * - The exam: `exam.size` items drawn once (seeded) from the gold, the same for everyone; pass
 *   at `exam.threshold`. A real worker who did not answer an exam item is given one of their own
 *   answers on an item of the same true label (their own confusion, resampled).
 * - Controls: a seeded `controlRate` share of the other items is treated as controls (every item
 *   in these sets has gold); a real worker's answers on them update their control record.
 * - After every answer `checkRules` runs on their newest answers; the first suspension ends the
 *   replay of that person. The count is of answers after the exam.
 * - Times are simulated: no file but CF_amt records them. Honest answers take a time drawn from
 *   the 6,030 real judgment times of CF_amt (median 9 s, 0.5% under 3 s); CF_amt replays its own.
 *   Fast spammers answer in 0.5–2.5 s. (`hilo serve` measures the time on the server, lease to
 *   answer; the replay assumes that figure is the person's real time.)
 * - A real worker counts as honest when their accuracy over all their answers is at least the
 *   rule's `controlAccuracy`; suspending one of them is a false suspension.
 * - Spammers answer `--budget` items (at most the items left after the exam) in random order:
 *   random (a uniform label), constant (always the commonest gold label), fast (uniform labels,
 *   answered in under 3 s).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RecentVote } from '../src/core/ports/people-store.js';
import { PROJECT_DEFAULTS, type PeopleConfig } from '../src/core/project.js';
import { createRng, shuffled, type Rng } from '../src/core/rng.js';
import { checkRules, wilsonInterval } from '../src/pipeline/people/quality-rules.js';
import {
  loadActiveCrowd,
  loadBluebirds,
  type Crowd,
  type CrowdAnswer,
} from './crowd-replay-data.js';

const { values: args } = parseArgs({
  options: {
    spammers: { type: 'string', default: '50' },
    budget: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    settings: { type: 'string', default: 'previous,defaults,exam10-bound' },
  },
});
const root =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));
const seed = Number(args.seed);
const SPAMMERS = Number(args.spammers);
const BUDGET = Number(args.budget);

/**
 * The settings compared: the defaults before this replay (a 5-item exam at 80%, controls judged
 * from the 5th), a longer and gentler exam with more controls before judging (now
 * PROJECT_DEFAULTS), and the same with the control rule on the upper end of the 95% Wilson interval of
 * the person's control accuracy instead of its point estimate (a rule hilo does not have: a
 * proposal measured here).
 */
interface Variant {
  readonly people: PeopleConfig;
  /** `point`: hilo's rule; `bound`: suspend only when even the interval's upper end is below the bar. */
  readonly controlRule: 'point' | 'bound';
}
const GENTLER: PeopleConfig = {
  ...PROJECT_DEFAULTS.people,
  exam: { size: 10, threshold: 0.7 },
  rules: { ...PROJECT_DEFAULTS.people.rules, minControls: 10 },
};
const PREVIOUS: PeopleConfig = {
  ...PROJECT_DEFAULTS.people,
  exam: { size: 5, threshold: 0.8 },
  rules: { ...PROJECT_DEFAULTS.people.rules, minControls: 5 },
};
const SETTINGS: Record<string, Variant> = {
  previous: { people: PREVIOUS, controlRule: 'point' },
  defaults: { people: PROJECT_DEFAULTS.people, controlRule: 'point' },
  exam10: { people: GENTLER, controlRule: 'point' },
  'exam10-bound': { people: GENTLER, controlRule: 'bound' },
};

type Outcome =
  | { readonly kind: 'exam'; readonly answers: 0 }
  | { readonly kind: 'fast' | 'controls'; readonly answers: number }
  | { readonly kind: 'none'; readonly answers: number };

/** A replay's end, and the answer at which the same-label rule first flagged the person. */
type Replayed = Outcome & { readonly flaggedAt: number | null };

interface Person {
  /** The exam answer to a gold item of true label `truth`. */
  exam(item: string, truth: string): string;
  /** Their answers after the exam, in order. */
  readonly answers: readonly { item: string; label: string; ms: number }[];
}

function replay(person: Person, crowd: Crowd, setup: Setup, variant: Variant): Replayed {
  const { exam, rules } = variant.people;
  const pointRules = variant.controlRule === 'point' ? rules : { ...rules, minControls: 0 };
  if (exam.size > 0) {
    let right = 0;
    for (const item of setup.exam) {
      const truth = crowd.gold.get(item) as string;
      if (person.exam(item, truth) === truth) right++;
    }
    if (right / setup.exam.length < exam.threshold) {
      return { kind: 'exam', answers: 0, flaggedAt: null };
    }
  }
  let record = { seen: 0, correct: 0 };
  const recent: RecentVote[] = [];
  const window = Math.max(rules.fastWindow, rules.sameLabelRun, 1);
  let n = 0;
  let flaggedAt: number | null = null;
  for (const answer of person.answers) {
    n++;
    recent.unshift({
      itemId: answer.item,
      label: answer.label,
      timeSpentMs: answer.ms,
      createdAt: '',
    });
    if (recent.length > window) recent.pop();
    if (setup.controls.has(answer.item)) {
      const right = crowd.gold.get(answer.item) === answer.label ? 1 : 0;
      record = { seen: record.seen + 1, correct: record.correct + right };
    }
    const outcome = checkRules(recent, record, pointRules);
    if (outcome.flag !== null) flaggedAt ??= n;
    if (outcome.suspend !== null) {
      const kind = outcome.suspend.startsWith('control') ? 'controls' : 'fast';
      return { kind, answers: n, flaggedAt };
    }
    if (variant.controlRule === 'bound' && record.seen >= rules.minControls) {
      const { high } = wilsonInterval(record.correct, record.seen);
      if (high < rules.controlAccuracy) return { kind: 'controls', answers: n, flaggedAt };
    }
  }
  return { kind: 'none', answers: n, flaggedAt };
}

interface Setup {
  readonly exam: string[];
  readonly controls: Set<string>;
  readonly tasks: string[];
}

function setupOf(crowd: Crowd, people: PeopleConfig, rng: Rng): Setup {
  // Controls are a uniform sample here; hilo picks rare labels more often, which catches
  // constant answers sooner than this replay shows.
  const items = shuffled([...crowd.gold.keys()].sort(), rng);
  const exam = items.slice(0, people.exam.size);
  const rest = items.slice(people.exam.size);
  const controls = new Set(rest.filter(() => rng.next() < people.controlRate));
  return { exam, controls, tasks: rest };
}

function honestTimes(crowds: readonly Crowd[]): number[] {
  const amt = crowds.find((c) => c.name === 'CF_amt');
  const times = amt?.answers.map((a) => (a.seconds ?? 0) * 1000).filter((t) => t > 0) ?? [];
  if (times.length > 0) return times;
  // Without CF_amt: a log-normal with the same median (9 s).
  const rng = createRng(seed);
  return Array.from({ length: 5000 }, () => 9000 * Math.exp(0.6 * rng.normal()));
}

function realPeople(crowd: Crowd, setup: Setup, times: number[], rng: Rng) {
  const byWorker = new Map<string, CrowdAnswer[]>();
  for (const a of crowd.answers) {
    const list = byWorker.get(a.worker) ?? [];
    list.push(a);
    byWorker.set(a.worker, list);
  }
  const examSet = new Set(setup.exam);
  return [...byWorker].map(([worker, answers]) => {
    const right = answers.filter((a) => crowd.gold.get(a.item) === a.label).length;
    const person: Person = {
      exam: (item, truth) => {
        const own = answers.find((a) => a.item === item);
        if (own) return own.label;
        const same = answers.filter((a) => crowd.gold.get(a.item) === truth);
        const pool = same.length > 0 ? same : answers;
        return (pool[rng.int(pool.length)] as CrowdAnswer).label;
      },
      answers: answers
        .filter((a) => !examSet.has(a.item))
        .map((a) => ({
          item: a.item,
          label: a.label,
          ms: a.seconds !== null ? a.seconds * 1000 : (times[rng.int(times.length)] as number),
        })),
    };
    return { worker, accuracy: right / answers.length, count: answers.length, person };
  });
}

type SpammerKind = 'random' | 'constant' | 'fast';

function spammer(kind: SpammerKind, crowd: Crowd, setup: Setup, times: number[], rng: Rng): Person {
  const counts = new Map<string, number>();
  for (const label of crowd.gold.values()) counts.set(label, (counts.get(label) ?? 0) + 1);
  const commonest = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
  const pick = () =>
    kind === 'constant' ? commonest : (crowd.labels[rng.int(crowd.labels.length)] as string);
  const items = shuffled(setup.tasks, rng).slice(0, BUDGET);
  return {
    exam: () => pick(),
    answers: items.map((item) => ({
      item,
      label: pick(),
      ms: kind === 'fast' ? 500 + 2000 * rng.next() : (times[rng.int(times.length)] as number),
    })),
  };
}

const pct = (k: number, n: number) => (n === 0 ? '–' : `${((100 * k) / n).toFixed(1)}%`);
function quantile(values: number[], q: number): string {
  if (values.length === 0) return '–';
  const sorted = values.slice().sort((a, b) => a - b);
  return String(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
}

const crowds = [
  loadBluebirds(root),
  ...['SP', 'ZenCrowd_us', 'ZenCrowd_in', 'CF', 'CF_amt'].map((n) => loadActiveCrowd(root, n)),
].filter((c): c is Crowd => {
  return c !== null;
});
if (crowds.length === 0) {
  console.log(`no crowd data found under ${root}: nothing to replay`);
  process.exit(0);
}
for (const name of ['bluebirds', 'SP', 'ZenCrowd_us', 'ZenCrowd_in', 'CF', 'CF_amt']) {
  if (!crowds.some((c) => c.name === name)) console.log(`${name}: missing under ${root}; skipped`);
}
const times = honestTimes(crowds);

for (const settingName of (args.settings ?? '').split(',')) {
  const variant = SETTINGS[settingName];
  if (!variant) throw new Error(`unknown settings "${settingName}"`);
  const { people } = variant;
  const r = people.rules;
  const bar =
    variant.controlRule === 'point'
      ? `control accuracy < ${r.controlAccuracy}`
      : `the upper end of the 95% Wilson interval of control accuracy < ${r.controlAccuracy}`;
  console.log(
    `\n## ${settingName}: exam ${people.exam.size} items at ≥ ${people.exam.threshold}, controls ${people.controlRate}, suspend on ${bar} after ${r.minControls} controls or ${r.fastCount} of the last ${r.fastWindow} answers under ${r.fastMs / 1000} s`,
  );
  console.log(
    '\n| crowd | workers | answers/worker (median) | reach the control minimum | honest | honest failing the exam | honest suspended by rules | false suspension (all) | below the bar | below the bar stopped |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const spamRows: string[] = [];
  for (const crowd of crowds) {
    const setup = setupOf(crowd, people, createRng(seed));
    const rng = createRng(seed + 7);
    const real = realPeople(crowd, setup, times, rng);
    const outcomes = real.map((w) => ({ ...w, outcome: replay(w.person, crowd, setup, variant) }));
    const honest = outcomes.filter((w) => w.accuracy >= r.controlAccuracy);
    const weak = outcomes.filter((w) => w.accuracy < r.controlAccuracy);
    const reach = real.filter(
      (w) => w.person.answers.filter((a) => setup.controls.has(a.item)).length >= r.minControls,
    ).length;
    const examFail = honest.filter((w) => w.outcome.kind === 'exam').length;
    const ruleFail = honest.filter(
      (w) => w.outcome.kind === 'fast' || w.outcome.kind === 'controls',
    ).length;
    console.log(
      `| ${crowd.name} | ${real.length} | ${quantile(
        real.map((w) => w.count),
        0.5,
      )} | ${pct(reach, real.length)} | ${honest.length} | ${pct(examFail, honest.length)} | ${pct(ruleFail, honest.length)} | ${pct(examFail + ruleFail, honest.length)} | ${weak.length} | ${pct(weak.filter((w) => w.outcome.kind !== 'none').length, weak.length)} |`,
    );
    for (const kind of ['random', 'constant', 'fast'] as const) {
      const srng = createRng(seed + kind.length * 101);
      const results = Array.from({ length: SPAMMERS }, () =>
        replay(spammer(kind, crowd, setup, times, srng), crowd, setup, variant),
      );
      const exam = results.filter((o) => o.kind === 'exam').length;
      const ruled = results.filter((o) => o.kind === 'fast' || o.kind === 'controls');
      const missed = results.filter((o) => o.kind === 'none');
      const flagged = results.filter((o) => o.kind !== 'exam' && o.flaggedAt !== null).length;
      const caught = ruled.map((o) => o.answers);
      const cells = [
        crowd.name,
        kind,
        String(SPAMMERS),
        pct(exam, SPAMMERS),
        pct(ruled.length, SPAMMERS),
        `${quantile(caught, 0.5)} / ${quantile(caught, 0.9)}`,
        pct(missed.length, SPAMMERS),
        quantile(
          missed.map((o) => o.answers),
          0.5,
        ),
        pct(flagged, SPAMMERS),
      ];
      spamRows.push(`| ${cells.join(' | ')} |`);
    }
  }
  console.log(
    '\n| crowd | spammer | n | stopped by the exam | suspended by the rules | answers before suspension (median / p90) | never stopped | their answers (median) | flagged for a same-label run |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of spamRows) console.log(row);
}
