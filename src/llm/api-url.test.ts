import { describe, expect, it } from 'vitest';
import { apiUrl } from './api-url.js';

describe('apiUrl', () => {
  it('adds /v1 to a bare origin and keeps any other path', () => {
    expect(apiUrl('http://127.0.0.1:8080', 'embeddings')).toBe(
      'http://127.0.0.1:8080/v1/embeddings',
    );
    expect(apiUrl('http://h/v1/', 'embeddings')).toBe('http://h/v1/embeddings');
    expect(apiUrl('https://gw/openai/v1', 'chat/completions')).toBe(
      'https://gw/openai/v1/chat/completions',
    );
  });

  it('accepts the full URL of either endpoint for either', () => {
    expect(apiUrl('http://h/v1/chat/completions', 'embeddings')).toBe('http://h/v1/embeddings');
    expect(apiUrl('http://h/v1/embeddings', 'chat/completions')).toBe(
      'http://h/v1/chat/completions',
    );
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => apiUrl('localhost:8080', 'embeddings')).toThrow(/http/);
    expect(() => apiUrl('not a url', 'embeddings')).toThrow(/not a URL/);
  });
});
