import { percent, usd } from '../core/format/format-number.js';
import type { Progress } from '../core/ports/index.js';

interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): boolean;
}

export interface TerminalProgressOptions {
  readonly stream: ProgressStream;
  readonly now?: () => number;
  /** Seconds between plain lines when the stream is not a terminal. */
  readonly lineEverySeconds?: number;
}

/**
 * A progress bar (done/total, items per second, ETA, spend) on a terminal, and a plain line
 * every few seconds when the output is a file or a pipe.
 * @example const progress = createTerminalProgress({ stream: process.stderr });
 */
export function createTerminalProgress(options: TerminalProgressOptions): Progress {
  const { stream } = options;
  const now = options.now ?? (() => performance.now());
  const every = (options.lineEverySeconds ?? 5) * 1000;
  let label = '';
  let total = 0;
  let startedAt = 0;
  let lastDraw = -Infinity;
  let last = { done: 0, spend: 0 };

  const line = (done: number, spend: number): string => {
    const elapsed = Math.max(1e-3, (now() - startedAt) / 1000);
    const rate = done / elapsed;
    const money = spend > 0 ? ` spent ${usd(spend, 4)}` : '';
    if (total <= 0) return `${label}: ${done} (${rate.toFixed(1)} items/s)${money}`;
    const eta = rate > 0 && total > done ? (total - done) / rate : 0;
    return `${label}: ${done}/${total} (${percent(Math.min(1, done / total))}) ${rate.toFixed(1)} items/s ETA ${formatSeconds(eta)}${money}`;
  };

  return {
    start(name, count) {
      label = name;
      total = count;
      startedAt = now();
      lastDraw = -Infinity;
      last = { done: 0, spend: 0 };
    },
    update(done, spendUsd = 0) {
      last = { done, spend: spendUsd };
      const t = now();
      if (stream.isTTY) {
        if (t - lastDraw < 100 && done < total) return;
        lastDraw = t;
        const text = line(done, spendUsd);
        if (total <= 0) {
          stream.write(`\r${text}\x1b[K`);
          return;
        }
        const width = Math.max(10, (stream.columns ?? 80) - text.length - 4);
        const filled = total > 0 ? Math.round((width * Math.min(done, total)) / total) : width;
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
      } else if (t - lastDraw >= every) {
        lastDraw = t;
        stream.write(`${line(done, spendUsd)}\n`);
      }
    },
    finish(message) {
      const text = `${line(last.done, last.spend)}${message ? ` — ${message}` : ''}`;
      stream.write(stream.isTTY ? `\r${text}\x1b[K\n` : `${text}\n`);
    },
  };
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
