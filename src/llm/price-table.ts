import type { ModelPrice } from '../core/project.js';

/**
 * The date the default prices were copied from the providers' public price pages. Prices
 * change; a project's `prices.models` in hilo.yaml overrides any entry here.
 */
export const DEFAULT_PRICES_AS_OF = '2025-08-15';

/**
 * List prices (USD per million tokens, standard tier, no batch or cached-input discount) of
 * some well-known models, as of `DEFAULT_PRICES_AS_OF`. Defaults only: see `priceOf`.
 */
export const DEFAULT_MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'claude-opus-4-1': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-sonnet-4': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-3-5-haiku': { inputPerMTok: 0.8, outputPerMTok: 4 },
  'gemini-2.5-pro': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gemini-2.5-flash': { inputPerMTok: 0.3, outputPerMTok: 2.5 },
  'gemini-2.5-flash-lite': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gemini-2.0-flash': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  // Embedding models: input tokens only.
  'text-embedding-3-small': { inputPerMTok: 0.02, outputPerMTok: 0 },
  'text-embedding-3-large': { inputPerMTok: 0.13, outputPerMTok: 0 },
  'text-embedding-ada-002': { inputPerMTok: 0.1, outputPerMTok: 0 },
};

/**
 * The price of a model: the project's own table first, then the defaults; an exact name
 * first, then the longest known name the model's name starts with followed by `-`, `:` or
 * `@` (so `gpt-4o-mini-2024-07-18` is priced as `gpt-4o-mini`, never as `gpt-4o`). Undefined
 * when unknown — a self-hosted model costs its hosting, priced per hour elsewhere.
 * @example priceOf('gpt-4o-mini-2024-07-18', project.prices.models); // { inputPerMTok: 0.15, outputPerMTok: 0.6 }
 * Complexity: O(entries in the tables).
 */
export function priceOf(
  model: string,
  overrides: Readonly<Record<string, ModelPrice>> = {},
): ModelPrice | undefined {
  for (const table of [overrides, DEFAULT_MODEL_PRICES]) {
    const exact = table[model];
    if (exact) return exact;
    let best: string | undefined;
    for (const name of Object.keys(table)) {
      const next = model.charAt(name.length);
      if (model.startsWith(name) && '-:@'.includes(next) && next !== '') {
        if (best === undefined || name.length > best.length) best = name;
      }
    }
    if (best !== undefined) return table[best];
  }
  return undefined;
}
