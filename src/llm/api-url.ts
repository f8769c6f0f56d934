import { HiloError } from '../core/errors.js';

/**
 * The URL of an endpoint (`chat/completions`, `embeddings`) of a server given as
 * `http://host:port`, `http://host:port/v1` or the full URL of either endpoint. A bare origin
 * gets `/v1` (llama.cpp, Ollama and vLLM all serve there); any other path is kept, for proxies
 * that mount the API elsewhere.
 * @example apiUrl('http://127.0.0.1:8080', 'embeddings'); // 'http://127.0.0.1:8080/v1/embeddings'
 * Complexity: O(length).
 * @throws HiloError INVALID_INPUT when the base URL is not an http(s) URL.
 */
export function apiUrl(baseUrl: string, endpoint: 'chat/completions' | 'embeddings'): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new HiloError('INVALID_INPUT', `model base URL is not a URL: "${baseUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HiloError('INVALID_INPUT', `model base URL must be http(s): "${baseUrl}"`);
  }
  let path = url.pathname.replace(/\/+$/, '').replace(/\/(chat\/completions|embeddings)$/, '');
  if (path === '') path = '/v1';
  url.pathname = `${path}/${endpoint}`;
  return url.toString();
}
