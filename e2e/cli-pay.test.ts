import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../src/compose/index.js';
import { createRng } from '../src/core/rng.js';
import {
  buildQueue,
  inviteAnnotator,
  nextItem,
  submitAnswer,
} from '../src/pipeline/people/index.js';
import { spamHamProject } from './browser-harness.js';
import { hilo, writeJsonl } from './cli-harness.js';

const YAML = `name: p
labels: [spam, ham]
prices: { humanHourlyUsd: 15, humanItemsPerHour: 120 }
people:
  controlRate: 1
  exam: { size: 0 }
  pay: { bonus: { controlAccuracyAtLeast: 0.9, minControls: 2, percent: 10 } }
`;

describe('hilo annotators pay on a SQLite project', () => {
  let project: string;

  beforeAll(async () => {
    const made = await spamHamProject('e2e-pay', YAML);
    project = made.project;
    await writeJsonl(join(made.dir, 'pool.jsonl'), [{ id: 'p1', text: 'lunch at noon' }]);
    await writeJsonl(join(made.dir, 'controls.jsonl'), [
      { id: 'c1', text: 'WIN now', label: 'spam' },
      { id: 'c2', text: 'FREE prize', label: 'spam' },
    ]);
    for (const [file, role] of [
      ['pool.jsonl', 'pool'],
      ['controls.jsonl', 'control'],
    ] as const) {
      const imported = await hilo([
        'import',
        join(made.dir, file),
        '--role',
        role,
        '--project',
        project,
      ]);
      expect(imported.code, imported.err).toBe(0);
    }
    // 15 December 2026, 10:00 UTC; each answer comes a minute after its item was served.
    let now = Date.UTC(2026, 11, 15, 10, 0);
    const clock = { now: () => now };
    const opened = await openProject({ dir: project, clock });
    try {
      const ctx = { store: opened.store, project: opened.config, clock, rng: createRng(1) };
      await buildQueue(ctx);
      const { annotator } = await inviteAnnotator(opened.store.people, clock, {
        name: 'Lee, Ann "A"',
        role: 'annotator',
      });
      let person = annotator;
      for (;;) {
        const served = await nextItem(ctx, person);
        if (served === undefined) break;
        now += 60_000;
        await submitAnswer(ctx, person, {
          itemId: served.itemId,
          label: 'spam',
          timeSpentMs: 60_000,
        });
        person = (await opened.store.people.getAnnotator(person.id)) ?? person;
      }
    } finally {
      await opened.close();
    }
  }, 60_000);

  it('writes CSV for payroll: a header and one row per person, the name quoted', async () => {
    const run = await hilo([
      'annotators',
      'pay',
      '--from',
      '2026-12-01',
      '--to',
      '2026-12-31',
      '--csv',
      '--project',
      project,
    ]);
    expect(run.code, run.err).toBe(0);
    const [header, row, ...rest] = run.out.split('\n');
    expect(header).toBe(
      'id,name,answers,accepted,control_accuracy,hours,base_pay_usd,bonus_usd,total_usd',
    );
    // 3 answers × $15 / 120 = $0.375 → $0.38; 2 of 2 controls right: 10% = 3.8¢ → $0.04.
    // Accepted: the two controls (p1 has no final label yet). 3 minutes = 0.05 h.
    expect(row).toMatch(/^[\w-]+,"Lee, Ann ""A""",3,2,1\.0000,0\.05,0\.38,0\.04,0\.42$/);
    expect(rest).toEqual(['']);
  });

  it('prints a table with the rules it applied, and says hilo pays nobody', async () => {
    const run = await hilo([
      'annotators',
      'pay',
      '--from',
      '2026-12-15',
      '--to',
      '2026-12-15',
      '--project',
      project,
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('pay from 2026-12-15 to 2026-12-15 (UTC, both days included)');
    expect(run.out).toMatch(
      /Lee, Ann "A"\s+3\s+2\/2\s+100% of 2 \[\d+%–100%\]\s+0\.05\s+\$0\.38\s+\$0\.04\s+\$0\.42/,
    );
    expect(run.out).toContain('rate: $0.1250 per answer');
    expect(run.out).toContain('hilo pays nobody');
  });

  it('leaves out days outside the period', async () => {
    const run = await hilo([
      'annotators',
      'pay',
      '--from',
      '2026-12-16',
      '--to',
      '2026-12-31',
      '--csv',
      '--project',
      project,
    ]);
    expect(run.out.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a bad date or a reversed period with one line and exit code 2', async () => {
    for (const [args, message] of [
      [
        ['--from', '2026-12-32', '--to', '2026-12-31'],
        '--from "2026-12-32" is not a date (YYYY-MM-DD)',
      ],
      [
        ['--from', '2026-12-31', '--to', '2026-12-01'],
        '--to 2026-12-01 is before --from 2026-12-31',
      ],
    ] as const) {
      const run = await hilo(['annotators', 'pay', ...args, '--project', project]);
      expect(run.code).toBe(2);
      expect(run.err.trim().split('\n')).toHaveLength(1);
      expect(run.err).toContain(message);
    }
    const help = await hilo(['annotators', 'pay', '--help']);
    expect(help.out).toContain('hilo pays nobody itself');
  });
});
