/**
 * Where the llama-server integration tests find their servers, and a tiny raw HTTP helper.
 * `eval "$(scripts/llama-server.sh start)"` sets the variables; without them the tests skip.
 */

/** Base URL of the chat instance (`-np 4` slots), e.g. `http://127.0.0.1:41234`. */
export const LLAMA_URL = process.env['HILO_LLAMA_URL'];

/** Base URL of the `--embeddings --pooling mean` instance, when started. */
export const LLAMA_EMBED_URL = process.env['HILO_LLAMA_EMBED_URL'];

/** Slots of the chat instance: the largest `n` it accepts. */
export const LLAMA_SLOTS = 4;

/** Embedding size of the tiny model. */
export const TINY_EMBEDDING = 32;

/** Prints once per file why the tests are skipped, so a skip is never silent. */
export function noteSkip(variable: string, what: string): void {
  console.info(
    `${what} skipped: ${variable} is not set. Start a server with ` +
      `eval "$(scripts/llama-server.sh start)" (builds llama.cpp once per machine) to run them.`,
  );
}

export interface RawReply {
  readonly status: number;
  /** Parsed JSON body, or the text when it is not JSON. */
  readonly body: unknown;
}

/** POSTs a body (an object, or a raw string sent as is) and reads the reply. */
export async function post(baseUrl: string, path: string, body: unknown): Promise<RawReply> {
  const response = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await readBody(response) };
}

export async function get(baseUrl: string, path: string): Promise<RawReply> {
  const response = await fetch(new URL(path, baseUrl));
  return { status: response.status, body: await readBody(response) };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
