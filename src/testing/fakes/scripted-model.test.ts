import { describe, expect, it } from 'vitest';
import { chatModelContract } from '../contracts/chat-model.case.js';
import { fakeAnswer, malformedBody, rateLimited } from './fake-replies.js';
import { createScriptedModel } from './scripted-model.js';

chatModelContract('scripted', async () => {
  const model = createScriptedModel();
  return { model, setBehaviour: (respond) => model.setBehaviour(respond) };
});

describe('createScriptedModel', () => {
  const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

  it('records calls and passes the request index to the responder', async () => {
    const model = createScriptedModel({ respond: (_body, i) => fakeAnswer(`#${i}`) });
    await model.complete(request);
    const second = await model.complete(request);
    expect(second.choices[0]?.content).toBe('#1');
    expect(model.calls).toHaveLength(2);
  });

  it('throws what the adapter throws once retries are spent', async () => {
    const model = createScriptedModel({ respond: () => rateLimited({ retryAfter: '1' }) });
    await expect(model.complete(request)).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    model.setBehaviour(() => malformedBody());
    await expect(model.complete(request)).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});
