import type { Command } from 'commander';
import type { Staffing } from '../pipeline/route/index.js';
import { integerFlag, numberFlag, probabilityFlag } from './flags.js';

/** The flags `route` and `plan` share, as commander gives them. */
export interface RoutingFlags {
  targetAccuracy?: string;
  confidence: string;
  lo?: string;
  humanAccuracy: string;
  overlap?: string;
  controlRate?: string;
  measure?: string;
  within?: string;
}

/**
 * Adds the options `route` and `plan` share.
 * @example routingOptions(program.command('plan')).option('--rows <n>', …)
 */
export function routingOptions(command: Command): Command {
  return command
    .option('--project <dir>', 'project directory', '.')
    .option(
      '--source <source>',
      'labeller whose votes to route (default: the labeller of the newest finished label run)',
    )
    .option('--target-accuracy <p>', 'required accuracy of accepted labels (default 0.97)')
    .option('--confidence <p>', 'confidence of the promise (1 − δ)', '0.95')
    .option(
      '--lo <x>',
      'calibrated confidence below which items go to people alone (default: every unaccepted item overlaps)',
    )
    .option('--human-accuracy <p>', 'accuracy assumed for labels people decide', '0.95')
    .option(
      '--overlap <n>',
      'people per item in the human zone, per audit and in the all-human baseline (default: people.overlap.human in hilo.yaml)',
    )
    .option(
      '--control-rate <r>',
      'control tasks per real human task (default: from people.controlRate in hilo.yaml, a share of served items)',
    )
    .option(
      '--measure <m>',
      'what a promise counts as right, instead of hilo.yaml: exact|within-k for kind rating, exact|per-label for kind multilabel',
    )
    .option('--within <k>', 'kind rating: right when within ±k levels of the true rating');
}

/**
 * The target, its confidence and the staffing `route` and `plan` share, parsed.
 * @example const { target, delta } = routingFlags(flags)
 */
export function routingFlags(flags: RoutingFlags): {
  target: number;
  delta: number;
  lo?: number;
  humanAccuracy: number;
  staffing: Staffing;
  measure?: string;
  withinK?: number;
} {
  return {
    ...(flags.measure !== undefined ? { measure: flags.measure } : {}),
    ...(flags.within !== undefined
      ? { withinK: integerFlag('--within', flags.within, { min: 1 }) }
      : {}),
    target: probabilityFlag('--target-accuracy', flags.targetAccuracy ?? '0.97'),
    delta: 1 - probabilityFlag('--confidence', flags.confidence),
    ...(flags.lo !== undefined ? { lo: numberFlag('--lo', flags.lo, { min: 0, max: 1 }) } : {}),
    humanAccuracy: probabilityFlag('--human-accuracy', flags.humanAccuracy),
    staffing: {
      ...(flags.overlap !== undefined
        ? { overlap: integerFlag('--overlap', flags.overlap, { min: 1 }) }
        : {}),
      ...(flags.controlRate !== undefined
        ? { controlRate: numberFlag('--control-rate', flags.controlRate, { min: 0 }) }
        : {}),
    },
  };
}
