import { HiloError } from '../../core/errors.js';
import type { Pooling } from '../../core/ensemble/index.js';
import type { Store } from '../../core/ports/index.js';

/** Sources of ensemble votes are `ensemble:<name>`. */
export const ENSEMBLE_PREFIX = 'ensemble:';

/** What an ensemble is made of, stored (as model `ensemble:<name>`) beside its votes. */
export interface EnsembleSpec {
  readonly sources: readonly string[];
  readonly pooling: Pooling;
  /** One weight per source, on the simplex. */
  readonly weights: readonly number[];
  /** Where the weights came from: `gold` (learned on n gold items) or `equal`. */
  readonly weightsFrom: 'gold' | 'equal';
  readonly goldItems: number;
}

/**
 * The stored spec of an ensemble source, or undefined when none was stored under that name.
 * @example (await readEnsembleSpec(store, 'ensemble:log-1a2b3c4d'))?.sources
 * Complexity: one model read.
 */
export async function readEnsembleSpec(
  store: Store,
  source: string,
): Promise<EnsembleSpec | undefined> {
  const stored = await store.getModel(source);
  if (!stored) return undefined;
  const spec = JSON.parse(stored.payload) as Partial<EnsembleSpec>;
  if (
    !Array.isArray(spec.sources) ||
    !Array.isArray(spec.weights) ||
    (spec.pooling !== 'linear' && spec.pooling !== 'log')
  ) {
    throw new HiloError(
      'INVALID_INPUT',
      `the stored ensemble ${source} is not a valid ensemble spec`,
    );
  }
  return spec as EnsembleSpec;
}
