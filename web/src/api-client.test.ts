import { describe, expect, it } from 'vitest';
import { ApiError, createApi, type Fetch } from './api-client.js';

/** A fetch that answers every call with `reply`, and remembers what it was asked. */
function fakeFetch(reply: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher: Fetch = async (url, init) => {
    calls.push({ url, init });
    return reply();
  };
  return { calls, fetcher };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('the web API client', () => {
  it('sends JSON to the escaped path and returns the parsed answer', async () => {
    const { calls, fetcher } = fakeFetch(() => json(200, { itemId: 'a/b', label: 'spam' }));
    expect(await createApi(fetcher).settle('a/b', 'spam')).toEqual({
      itemId: 'a/b',
      label: 'spam',
    });
    expect(calls).toEqual([
      {
        url: '/api/review/a%2Fb',
        init: {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: '{"label":"spam"}',
        },
      },
    ]);
  });

  it('turns a lost connection into a NETWORK error instead of a bare TypeError', async () => {
    const { fetcher } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await failure(createApi(fetcher).review());
    expect(error).toMatchObject({ status: 0, code: 'NETWORK', message: 'Failed to fetch' });
  });

  it('keeps the neutral code and message of an error the server sent', async () => {
    const { fetcher } = fakeFetch(() =>
      json(409, { code: 'CONFLICT', message: 'item "g1" has a gold label' }),
    );
    const error = await failure(createApi(fetcher).settle('g1', 'ham'));
    expect(error).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      message: 'item "g1" has a gold label',
    });
  });

  it('reports an error page that is not JSON (a proxy, a crash) by its status', async () => {
    const { fetcher } = fakeFetch(
      () => new Response('<h1>Bad Gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const error = await failure(createApi(fetcher).dashboard());
    expect(error).toMatchObject({ status: 502, code: 'INTERNAL', message: 'Bad Gateway' });
  });

  it('rejects a successful status whose body is not JSON, rather than returning nothing', async () => {
    const { fetcher } = fakeFetch(() => new Response('<!doctype html>', { status: 200 }));
    const error = await failure(createApi(fetcher).me());
    expect(error).toMatchObject({ status: 200, code: 'INTERNAL' });
    expect(error.message).toMatch(/not JSON/);
  });
});
