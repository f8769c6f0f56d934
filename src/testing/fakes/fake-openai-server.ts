import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatCompletionsBody } from '../../llm/chat-completions-body.js';
import { classifierResponder } from './classifier-responder.js';
import { type FakeFlavour, completionWireBody } from './fake-completion-body.js';
import {
  type EmbeddingsBody,
  type FakeEmbeddingReply,
  type FakeEmbeddingResponder,
  embeddingsResponder,
  embeddingsWireBody,
} from './fake-embeddings.js';
import type { FakeReply, FakeResponder } from './fake-replies.js';

/** Options of `startFakeOpenAiServer`; all optional. */
export interface FakeOpenAiServerOptions {
  /** Decides each reply. Default: `classifierResponder()`. */
  readonly respond?: FakeResponder;
  /** Default `llama.cpp`; see `FakeFlavour`. */
  readonly flavour?: FakeFlavour;
  /** Latency added to every reply that sets no `delayMs` of its own. Default 0. */
  readonly latencyMs?: number;
  /** Parallel slots (llama-server `-np`): a request with a larger `n` gets a 400. Default 8. */
  readonly slots?: number;
  /** Keep request bodies in `requests`; turn off for long benchmarks. Default true. */
  readonly recordBodies?: boolean;
  /** Decides each `/v1/embeddings` reply. Default: `embeddingsResponder(8)`. */
  readonly embed?: FakeEmbeddingResponder;
}

/** A running fake server. */
export interface FakeOpenAiServer {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  /** Bodies of the chat-completions requests received, in arrival order (when recorded). */
  readonly requests: readonly ChatCompletionsBody[];
  /** Chat-completions requests received (whatever their outcome). */
  readonly requestCount: number;
  /** Requests being handled right now, and the most at any moment. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Bodies of the embeddings requests received, in arrival order (when recorded). */
  readonly embeddingRequests: readonly EmbeddingsBody[];
  /** Embeddings requests received (whatever their outcome). */
  readonly embeddingRequestCount: number;
  /** Replaces the responder for the requests that follow. */
  setBehaviour(respond: FakeResponder): void;
  /** Replaces the embeddings responder for the requests that follow. */
  setEmbeddingBehaviour(embed: FakeEmbeddingResponder): void;
  /** Clears the recorded requests and counters. */
  reset(): void;
  /** Stops listening and drops open connections, pending delayed replies included. */
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 and a random port, scripted per
 * request, to test model clients over real HTTP. Serves `POST /v1/chat/completions` and
 * `POST /v1/embeddings` (both also without `/v1`), `GET /health` and `GET /v1/models`;
 * anything else is a 404. Like llama.cpp it
 * answers 500 to an unparsable request body, and 400 to `top_logprobs` without `logprobs` and
 * to `n` above its slots.
 * @example
 * const server = await startFakeOpenAiServer({ respond: (_body, i) => (i === 0 ? rateLimited({ retryAfter: '1' }) : fakeAnswer('A')) });
 * const model = createOpenAiCompatibleModel({ baseUrl: server.url });
 * await server.close();
 * Complexity: O(request + reply size) per request.
 */
export async function startFakeOpenAiServer(
  options: FakeOpenAiServerOptions = {},
): Promise<FakeOpenAiServer> {
  let respond = options.respond ?? classifierResponder();
  const flavour = options.flavour ?? 'llama.cpp';
  const slots = options.slots ?? 8;
  const record = options.recordBodies ?? true;
  let requests: ChatCompletionsBody[] = [];
  let requestCount = 0;
  let embed = options.embed ?? embeddingsResponder();
  let embeddingRequests: EmbeddingsBody[] = [];
  let embeddingRequestCount = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  /** Holds a reply back by its delay (or the server's latency); false if the client went away. */
  const hold = async (res: ServerResponse, delayMs: number | undefined): Promise<boolean> => {
    const delay = delayMs ?? options.latencyMs ?? 0;
    if (delay > 0) await later(delay);
    return !res.destroyed;
  };

  const handleCompletion = async (text: string, res: ServerResponse): Promise<void> => {
    const index = requestCount;
    requestCount += 1;
    const body = parseBody<ChatCompletionsBody>(text, res);
    if (body === undefined) return;
    if (record) requests.push(body);
    if (!Array.isArray(body?.messages)) {
      return sendError(res, 400, '"messages" must be an array', 'invalid_request_error');
    }
    if (body.top_logprobs !== undefined && body.logprobs !== true) {
      return sendError(
        res,
        400,
        'top_logprobs requires logprobs to be set to true',
        'invalid_request_error',
      );
    }
    if ((body.n ?? 1) > slots) {
      return sendError(
        res,
        400,
        `n (${body.n}) exceeds the number of slots (${slots})`,
        'invalid_request_error',
      );
    }
    const reply = await respond(body, index);
    if (!(await hold(res, reply.delayMs))) return;
    sendReply(res, reply, body, flavour);
  };

  const handleEmbeddings = async (text: string, res: ServerResponse): Promise<void> => {
    const index = embeddingRequestCount;
    embeddingRequestCount += 1;
    const body = parseBody<EmbeddingsBody>(text, res);
    if (body === undefined) return;
    if (record) embeddingRequests.push(body);
    const input: unknown = body?.input;
    if (typeof input !== 'string' && !Array.isArray(input)) {
      return sendError(res, 400, '"input" must be a string or a list', 'invalid_request_error');
    }
    const reply: FakeEmbeddingReply = await embed(body, index);
    if (!(await hold(res, reply.delayMs))) return;
    if (reply.type === 'embeddings') return sendJson(res, 200, embeddingsWireBody(reply, body));
    sendReply(res, reply, { model: body.model ?? '', messages: [] }, flavour);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const text = Buffer.concat(chunks).toString('utf8');
      if (
        req.method === 'POST' &&
        (path === '/v1/chat/completions' || path === '/chat/completions')
      ) {
        handleCompletion(text, res).catch((error: unknown) => {
          if (!res.headersSent) sendError(res, 500, String(error), 'server_error');
        });
      } else if (req.method === 'POST' && (path === '/v1/embeddings' || path === '/embeddings')) {
        handleEmbeddings(text, res).catch((error: unknown) => {
          if (!res.headersSent) sendError(res, 500, String(error), 'server_error');
        });
      } else if (req.method === 'GET' && path === '/health') {
        sendJson(res, 200, { status: 'ok' });
      } else if (req.method === 'GET' && path === '/v1/models') {
        const model = { id: 'fake-model', object: 'model', owned_by: 'hilo', created: 0 };
        sendJson(res, 200, {
          object: 'list',
          data: [model],
          models: [{ name: 'fake-model', model: 'fake-model' }],
        });
      } else {
        sendError(res, 404, 'File Not Found', 'not_found_error');
      }
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return requests;
    },
    get requestCount() {
      return requestCount;
    },
    get embeddingRequests() {
      return embeddingRequests;
    },
    get embeddingRequestCount() {
      return embeddingRequestCount;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    setBehaviour(next) {
      respond = next;
    },
    setEmbeddingBehaviour(next) {
      embed = next;
    },
    reset() {
      requests = [];
      requestCount = 0;
      embeddingRequests = [];
      embeddingRequestCount = 0;
      maxInFlight = inFlight;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function sendReply(
  res: ServerResponse,
  reply: FakeReply,
  body: ChatCompletionsBody,
  flavour: FakeFlavour,
): void {
  switch (reply.type) {
    case 'completion':
      return sendJson(res, 200, completionWireBody(reply, body, flavour));
    case 'error':
      return sendError(
        res,
        reply.status,
        reply.message ?? `error ${reply.status}`,
        reply.errorType ?? 'error',
        reply.headers,
      );
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"choices":[{"index":0,"message":{"role":"assistant","content":"A"');
      return;
    case 'raw':
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
      return;
  }
}

/** The JSON request body, or undefined after answering 500 as llama.cpp does to bad JSON. */
function parseBody<T>(text: string, res: ServerResponse): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    sendError(res, 500, 'Failed to parse the request body as JSON', 'server_error');
    return undefined;
  }
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(res, status, { error: { code: status, message, type } }, headers);
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
