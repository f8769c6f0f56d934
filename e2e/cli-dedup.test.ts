import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hilo, readJsonl, tempDir, writeJsonl } from './cli-harness.js';

const FIXTURE = fileURLToPath(
  new URL('../src/testing/fixtures/davidson-entities.jsonl', import.meta.url),
);

describe('hilo import --clean → dedup --apply → label → export (SQLite)', () => {
  it('cleans tweets keeping the originals, labels one item per cluster and exports whose duplicate each is', async () => {
    const dir = await tempDir('dedup');
    const project = join(dir, 'tweets');
    const p = ['--project', project];
    expect((await hilo(['init', project, '--labels', 'neither,offensive'])).code).toBe(0);

    const cleaned = await hilo(['import', FIXTURE, '--clean', 'all', ...p]);
    expect(cleaned.code, cleaned.err).toBe(0);
    // Every tweet holds a reference; davidson-361 also a line break, kept as one.
    expect(cleaned.out).toMatch(
      /imported 11 pool items .*\n.*cleaned the text of 11 items; the text as it came is kept in text_original/,
    );
    const refused = await hilo(['import', FIXTURE, '--clean', 'text=tags', ...p]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/unknown clean-up step "tags"/);

    const tweets = await readJsonl(FIXTURE);
    const original = (id: string) => String(tweets.find((t) => t.id === id)?.text);
    await writeJsonl(join(dir, 'copies.jsonl'), [
      { id: 'copy-67', text: original('davidson-67').toUpperCase() },
      { id: 'copy-1326', text: original('davidson-1326').replace('cream', 'creem') },
    ]);
    await writeJsonl(join(dir, 'gold.jsonl'), [
      { id: 'g1', text: 'have a lovely day with the family', label: 'neither' },
      { id: 'g2', text: 'what a great game tonight', label: 'neither' },
      { id: 'g3', text: 'shut up you stupid idiot', label: 'offensive' },
      { id: 'g4', text: 'you are a stupid clown', label: 'offensive' },
    ]);
    expect((await hilo(['import', join(dir, 'copies.jsonl'), '--clean', 'all', ...p])).code).toBe(
      0,
    );
    expect((await hilo(['import', join(dir, 'gold.jsonl'), '--role', 'gold', ...p])).code).toBe(0);

    const report = await hilo(['dedup', '--out', join(dir, 'clusters.jsonl'), ...p]);
    expect(report.code, report.err).toBe(0);
    expect(report.out).toMatch(/dedup of 17 items: Jaccard ≥ 0.8 on 5-char shingles/);
    expect(report.out).toMatch(/2 clusters of duplicates holding 4 items/);
    expect(report.out).toMatch(/2 pool items would be marked as duplicates: run with --apply/);
    const clusters = await readJsonl(join(dir, 'clusters.jsonl'));
    expect(clusters.map((c) => [c.cluster, c.id, c.duplicateOf])).toEqual([
      [1, 'davidson-1326', null],
      [1, 'copy-1326', 'davidson-1326'],
      [2, 'davidson-67', null],
      [2, 'copy-67', 'davidson-67'],
    ]);

    const applied = await hilo(['dedup', '--apply', ...p]);
    expect(applied.out).toMatch(/marked 2 pool items as duplicates/);
    expect((await hilo(['learn', ...p])).code).toBe(0);
    const labelled = await hilo(['label', ...p]);
    expect(labelled.code, labelled.err).toBe(0);

    expect((await hilo(['export', join(dir, 'out.jsonl'), ...p])).code).toBe(0);
    const rows = new Map((await readJsonl(join(dir, 'out.jsonl'))).map((r) => [r.id, r]));
    expect(rows.get('copy-67')?.duplicateOf).toBe('davidson-67');
    expect(rows.get('copy-67')?.label).toBe(rows.get('davidson-67')?.label);
    expect(rows.get('copy-1326')?.label).toBe(rows.get('davidson-1326')?.label);
    expect(rows.get('davidson-67')?.duplicateOf).toBeNull();
    expect(rows.get('davidson-67')?.text).toBe(
      '"@Allyhaaaaa: Lemmie eat a Oreo & do these dishes." One oreo? Lol',
    );
    expect(rows.get('davidson-67')?.text_original).toBe(original('davidson-67'));
    expect(rows.get('davidson-361')?.text).toBe(
      '"@kazooook: We actin like it\'s the 7th day @WesGodLaFlare http://t.co/s9gMtEvpaT"\n\u{1f47b}spook',
    );
  });
});
