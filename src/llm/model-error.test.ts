import { describe, expect, it } from 'vitest';
import {
  codeForStatus,
  errorForStatus,
  isRetryableStatus,
  serverErrorMessage,
} from './model-error.js';

describe('model errors', () => {
  it('retries rate limits, request timeouts and server errors only', () => {
    expect([429, 408, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413, 422].some(isRetryableStatus)).toBe(false);
  });

  it('calls a bad request the caller input and the rest an unavailable model', () => {
    expect([400, 413, 422].map(codeForStatus)).toEqual([
      'INVALID_INPUT',
      'INVALID_INPUT',
      'INVALID_INPUT',
    ]);
    expect([401, 404, 429, 500].map(codeForStatus)).toEqual(Array(4).fill('MODEL_UNAVAILABLE'));
    expect(errorForStatus(404, 'no such model').message).toBe(
      'model server answered 404: no such model',
    );
  });

  it('finds the message in the error bodies of known servers', () => {
    expect(
      serverErrorMessage(
        '{"error":{"code":400,"message":"too long","type":"exceed_context_size_error"}}',
      ),
    ).toBe('too long');
    expect(serverErrorMessage('{"error":"model \\"x\\" not found"}')).toBe('model "x" not found');
    expect(serverErrorMessage('{"message":"busy"}')).toBe('busy');
    expect(serverErrorMessage('<html>Bad Gateway</html>')).toBe('<html>Bad Gateway</html>');
    expect(serverErrorMessage('  ')).toBe('(empty body)');
    expect(serverErrorMessage('x'.repeat(400))).toHaveLength(301);
  });
});
