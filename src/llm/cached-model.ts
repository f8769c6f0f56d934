import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
  ResponseCache,
} from '../core/ports/chat-model.js';
import { unbilled } from '../core/cost/billed-model-error.js';
import { decodeCachedResponse, encodeCachedResponse } from './cached-response.js';
import { requestCacheKey } from './request-cache-key.js';

/** Options of `withResponseCache`. */
export interface CachedModelOptions {
  readonly cache: ResponseCache;
  /** Mixed into every key; see `requestCacheKey`. */
  readonly scope?: string;
}

/**
 * Puts a persistent cache in front of a model. A request whose key (`requestCacheKey`) is
 * stored is answered from the cache with `cached: true` and its stored usage and latency,
 * and nothing is sent. A fresh answer is written to the cache BEFORE it is returned, so a run
 * killed right after never pays for it twice; a failing cache write fails the call for the
 * same reason. Identical requests in flight at once are coalesced: one is sent, the others
 * wait for it and get its answer marked `cached: true` (they paid nothing), or its error without
 * the tokens it billed (`unbilled`), which the first caller costs. Errors are not cached, and a
 * damaged entry is treated as a miss.
 * @example
 * const model = withResponseCache(createOpenAiCompatibleModel({ baseUrl }), { cache: store });
 * Complexity: O(size of the request) for the key, plus one cache read (and write on a miss).
 */
export function withResponseCache(model: ChatModel, options: CachedModelOptions): ChatModel {
  const inFlight = new Map<string, Promise<ChatResponse>>();

  const fetchOrRead = async (key: string, request: ChatRequest): Promise<ChatResponse> => {
    const stored = await options.cache.get(key);
    if (stored !== undefined) {
      const hit = decodeCachedResponse(stored);
      if (hit) return hit;
    }
    const response = await model.complete(request);
    await options.cache.put(key, encodeCachedResponse(response));
    return response;
  };

  return {
    complete(request) {
      let key: string;
      try {
        key = requestCacheKey(request, options.scope);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      const pending = inFlight.get(key);
      if (pending) {
        return pending.then(
          (response) => ({ ...response, cached: true }),
          (error: unknown) => Promise.reject(unbilled(error) as Error),
        );
      }
      const call = fetchOrRead(key, request);
      inFlight.set(key, call);
      const forget = (): void => {
        inFlight.delete(key);
      };
      call.then(forget, forget);
      return call;
    },
  };
}
