import type { AggregateOptions } from '../../core/aggregation/aggregate.js';
import type { AggregateVotesOptions } from './aggregate-votes-types.js';

/**
 * The aggregator's options from the step's.
 * @example methodOptions({ method: 'recommended', seed: 1 }, gold)
 */
export function methodOptions(
  options: Pick<AggregateVotesOptions, 'method' | 'seed' | 'maxIterations' | 'tolerance'>,
  gold?: Int32Array,
): AggregateOptions {
  const common = {
    ...(gold ? { gold } : {}),
    seed: options.seed ?? 0,
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
  };
  return { method: options.method, ...common } as AggregateOptions;
}
