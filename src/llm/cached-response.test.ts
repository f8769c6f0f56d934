import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../core/ports/chat-model.js';
import { decodeCachedResponse, encodeCachedResponse } from './cached-response.js';

const response: ChatResponse = {
  choices: [
    {
      content: 'A',
      finishReason: 'stop',
      logprobs: [
        {
          token: ' A',
          logprob: -0.1,
          top: [
            { token: ' A', logprob: -0.1 },
            { token: ' B', logprob: -Infinity },
          ],
        },
        { token: '', logprob: -Infinity, top: [] },
      ],
    },
    { content: 'B', finishReason: null, logprobs: null },
  ],
  usage: { promptTokens: 12, completionTokens: 4 },
  cached: false,
  latencyMs: 81,
};

describe('cached response encoding', () => {
  it('round-trips, -Infinity included, marked cached', () => {
    expect(decodeCachedResponse(encodeCachedResponse(response))).toEqual({
      ...response,
      cached: true,
    });
  });

  it.each([
    'not json',
    '{"v":2,"choices":[],"usage":[1,1],"latencyMs":1}',
    '{"v":1,"choices":[{"content":1,"finishReason":null,"logprobs":null}],"usage":[1,1],"latencyMs":1}',
    '{"v":1,"choices":[{"content":"a","finishReason":null,"logprobs":[["a",-1]]}],"usage":[1,1],"latencyMs":1}',
    '{"v":1,"choices":[],"usage":[1],"latencyMs":1}',
  ])('reads a damaged or foreign entry as a miss: %s', (text) => {
    expect(decodeCachedResponse(text)).toBeUndefined();
  });
});
