import { describe, expect, it } from 'vitest';
import { createTerminalProgress } from './terminal-progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (t: string) => (writes.push(t), true) } };
}

describe('createTerminalProgress', () => {
  it('prints periodic plain lines with rate and ETA when not a terminal', () => {
    let t = 0;
    const { writes, stream } = fakeStream(false);
    const progress = createTerminalProgress({ stream, now: () => t, lineEverySeconds: 5 });
    progress.start('labelling', 100);
    t = 1000;
    progress.update(10, 0.5);
    t = 2000;
    progress.update(20, 1);
    t = 10_000;
    progress.update(50, 2);
    progress.finish('done');
    expect(writes).toHaveLength(3);
    expect(writes[0]).toBe('labelling: 10/100 (10.0%) 10.0 items/s ETA 9s spent $0.5000\n');
    expect(writes[1]).toMatch(/^labelling: 50\/100 \(50\.0%\) 5\.0 items\/s ETA 10s/);
    expect(writes[2]).toMatch(/— done\n$/);
  });

  it('redraws one bar in place on a terminal', () => {
    let t = 0;
    const { writes, stream } = fakeStream(true);
    const progress = createTerminalProgress({ stream, now: () => t });
    progress.start('x', 4);
    t = 500;
    progress.update(2);
    expect(writes[0]?.startsWith('\r[')).toBe(true);
    expect(writes[0]).toContain('2/4 (50.0%)');
  });
});

describe('createTerminalProgress without a known total', () => {
  it('prints counts and rate, no percentage or ETA', () => {
    let t = 0;
    const { writes, stream } = fakeStream(false);
    const progress = createTerminalProgress({ stream, now: () => t, lineEverySeconds: 1 });
    progress.start('import a.jsonl', 0);
    t = 2000;
    progress.update(1000);
    expect(writes[0]).toBe('import a.jsonl: 1000 (500.0 items/s)\n');
  });
});
