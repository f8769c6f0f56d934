import type { Command } from 'commander';
import { HiloError } from '../core/errors.js';
import type { InitOptions } from '../compose/index.js';
import type { TaskKind } from '../core/types.js';

/** The flags of `hilo init` that choose a task kind and its options. */
export interface KindFlags {
  kind?: string;
  scale?: string;
  minLabels?: string;
  maxLabels?: string;
  measure?: string;
  withinK?: string;
  systemFields?: string;
}

const KINDS: readonly TaskKind[] = ['classify', 'multilabel', 'pairwise', 'rating'];
/** The most levels `--scale` writes; a longer scale is better given as --labels. */
const MAX_SCALE_LEVELS = 101;

/** Adds the kind flags to the init command. */
export function kindOptions(command: Command): Command {
  return command
    .option('--kind <kind>', 'classify (default), multilabel, pairwise or rating')
    .option('--scale <lo-hi>', 'rating: the levels lo..hi, e.g. 1-5 (instead of --labels)')
    .option('--min-labels <n>', 'multilabel: fewest labels an item carries (default 0)')
    .option('--max-labels <n>', 'multilabel: most labels an item carries (default all)')
    .option(
      '--measure <measure>',
      'what a promise counts as right: multilabel exact|per-label, rating exact|within-k',
    )
    .option('--within-k <k>', 'rating: how far from the right level still counts (default 1)')
    .option('--system-fields <a,b>', 'pairwise: the fields naming the system behind A and B');
}

/**
 * The kind and its options as `initProject` takes them, checked flag by flag; a flag that does
 * not belong to the kind is refused with the kind and the flag named.
 * @example kindSettings({ kind: 'rating', scale: '1-5' }) // { kind: 'rating', labels: [...] }
 * Complexity: O(levels).
 */
export function kindSettings(flags: KindFlags): Pick<
  InitOptions,
  'kind' | 'multilabel' | 'pairwise' | 'rating'
> & {
  readonly scale?: InitOptions['labels'];
} {
  const kind = (flags.kind ?? 'classify') as TaskKind;
  if (!KINDS.includes(kind)) {
    throw new HiloError('INVALID_INPUT', `--kind ${flags.kind} is not one of ${KINDS.join(', ')}`);
  }
  const only = (flag: string, value: string | undefined, wanted: TaskKind): void => {
    if (value !== undefined && kind !== wanted)
      throw new HiloError('INVALID_INPUT', `${flag} is for --kind ${wanted}, not ${kind}`);
  };
  only('--scale', flags.scale, 'rating');
  only('--within-k', flags.withinK, 'rating');
  only('--min-labels', flags.minLabels, 'multilabel');
  only('--max-labels', flags.maxLabels, 'multilabel');
  only('--system-fields', flags.systemFields, 'pairwise');
  if (flags.measure !== undefined && kind !== 'multilabel' && kind !== 'rating')
    throw new HiloError(
      'INVALID_INPUT',
      `--measure is for --kind multilabel or rating, not ${kind}`,
    );
  switch (kind) {
    case 'multilabel':
      return {
        kind,
        multilabel: {
          ...(flags.minLabels !== undefined
            ? { minLabels: count('--min-labels', flags.minLabels) }
            : {}),
          ...(flags.maxLabels !== undefined
            ? { maxLabels: count('--max-labels', flags.maxLabels) }
            : {}),
          ...(flags.measure !== undefined ? { measure: flags.measure as 'exact' } : {}),
        },
      };
    case 'rating':
      return {
        kind,
        rating: {
          ...(flags.withinK !== undefined ? { withinK: count('--within-k', flags.withinK) } : {}),
          ...(flags.measure !== undefined ? { measure: flags.measure as 'exact' } : {}),
        },
        ...(flags.scale !== undefined ? { scale: scaleLevels(flags.scale) } : {}),
      };
    case 'pairwise':
      return { kind, ...(flags.systemFields ? { pairwise: systems(flags.systemFields) } : {}) };
    case 'classify':
      return { kind };
  }
}

/**
 * The levels of a `--scale lo-hi` (or `lo..hi`) shorthand, lowest first.
 * @example scaleLevels('1-5').map((l) => l.name) // ['1', '2', '3', '4', '5']
 * Complexity: O(levels).
 */
export function scaleLevels(text: string): InitOptions['labels'] {
  const match = /^\s*(-?\d+)\s*(?:-|\.\.)\s*(-?\d+)\s*$/.exec(text);
  const lo = Number(match?.[1]);
  const hi = Number(match?.[2]);
  if (!match || !(hi > lo) || hi - lo + 1 > MAX_SCALE_LEVELS) {
    throw new HiloError(
      'INVALID_INPUT',
      `--scale ${text} is not a range of whole numbers lo-hi with lo < hi and at most ${MAX_SCALE_LEVELS} levels, e.g. 1-5`,
    );
  }
  return Array.from({ length: hi - lo + 1 }, (_, k) => ({ name: String(lo + k), description: '' }));
}

function count(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new HiloError('INVALID_INPUT', `${flag} must be a whole number ≥ 0, got ${text}`);
  return n;
}

function systems(text: string): { systemA: string; systemB: string } {
  const names = text.split(',').map((name) => name.trim());
  const [systemA, systemB] = names;
  if (names.length !== 2 || !systemA || !systemB)
    throw new HiloError(
      'INVALID_INPUT',
      `--system-fields needs two field names, e.g. system_a,system_b; got ${text}`,
    );
  return { systemA, systemB };
}
