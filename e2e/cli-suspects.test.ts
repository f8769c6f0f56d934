import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject } from '../src/compose/index.js';
import { createRng } from '../src/core/rng.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

const SPAM = ['win', 'prize', 'free', 'cash', 'claim', 'offer'];
const HAM = ['meeting', 'lunch', 'tomorrow', 'report', 'call', 'family'];

describe('hilo suspects', () => {
  it('lists the wrong crowd labels with their votes and queues them for review', async () => {
    const dir = await tempDir('suspects');
    const project = join(dir, 'p');
    const p = ['--project', project];
    expect((await hilo(['init', project, '--labels', 'spam,ham'])).code).toBe(0);
    const rng = createRng(4);
    const wrong = new Set(['m003', 'm018', 'm041', 'm066', 'm077', 'm100']);
    const rows: Record<string, unknown>[] = [];
    const votes = ['worker,task,label'];
    for (let i = 0; i < 120; i++) {
      const id = `m${String(i).padStart(3, '0')}`;
      const truth = i % 2 === 0 ? 'spam' : 'ham';
      const words = truth === 'spam' ? SPAM : HAM;
      rows.push({ id, text: Array.from({ length: 6 }, () => words[rng.int(6)]).join(' ') });
      const given = wrong.has(id) ? (truth === 'spam' ? 'ham' : 'spam') : truth;
      votes.push(`ann1,${id},${given}`, `ann2,${id},${given}`);
    }
    await writeJsonl(join(dir, 'pool.jsonl'), rows);
    await writeFile(join(dir, 'votes.csv'), `${votes.join('\n')}\n`);
    expect((await hilo(['import', join(dir, 'pool.jsonl'), ...p])).code).toBe(0);
    expect((await hilo(['import-votes', join(dir, 'votes.csv'), ...p])).code).toBe(0);
    expect((await hilo(['aggregate', '--method', 'mv', ...p])).code).toBe(0);

    const listed = await hilo(['suspects', '--top', '6', '--queue', ...p]);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toContain(
      'checked 120 final labels (0 expert or reviewer labels among them, never listed) with the local model (logistic over text), 5-fold out-of-fold',
    );
    const ids = [...listed.out.matchAll(/^\s+\d+\. (m\d+): given (\w+), model says (\w+)/gm)];
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(ids.filter((m) => wrong.has(m[1] as string)).length).toBeGreaterThanOrEqual(5);
    expect(listed.out).toMatch(/votes: human:ann1: (spam|ham), human:ann2: (spam|ham)/);
    expect(listed.out).toContain(`queued ${ids.length} for review`);
    expect(listed.err).toMatch(/folds: 5\/5/); // progress of the cross-fit on stderr

    const opened = await openProject({ dir: project });
    try {
      const review = await opened.store.people.listQueue({ underReview: true });
      expect(review.map((e) => e.itemId).sort()).toEqual(ids.map((m) => m[1]).sort());
      expect(review[0]?.reviewReason).toMatch(/^suspect label: given \w+, model says \w+ \(p=/);
    } finally {
      await opened.close();
    }

    const bad = await hilo(['suspects', '--top', '0', ...p]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--top: "0" is not a whole number ≥ 1');
  });
});
