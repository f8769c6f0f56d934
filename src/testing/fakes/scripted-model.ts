import { HiloError } from '../../core/errors.js';
import type { ChatModel, ChatRequest, ChatResponse } from '../../core/ports/chat-model.js';
import { toChatCompletionsBody } from '../../llm/chat-completions-body.js';
import { parseChatCompletionsResponse } from '../../llm/chat-completions-response.js';
import { completionUsage } from '../../llm/completion-usage.js';
import { classifierResponder } from './classifier-responder.js';
import { type FakeFlavour, completionWireBody } from './fake-completion-body.js';
import type { FakeResponder } from './fake-replies.js';
import { scriptedReplyJson } from './scripted-reply.js';

/** Options of `createScriptedModel`. */
export interface ScriptedModelOptions {
  /** Default: `classifierResponder()`. */
  readonly respond?: FakeResponder;
  /** Default `llama.cpp`. */
  readonly flavour?: FakeFlavour;
}

/** An in-process ChatModel driven by the fake server's responders. */
export interface ScriptedModel extends ChatModel {
  /** Every request received, in order. */
  readonly calls: readonly ChatRequest[];
  setBehaviour(respond: FakeResponder): void;
}

/**
 * A ChatModel without HTTP, for tests of code that only needs the port: the request is mapped
 * to the wire body, the responder's reply is rendered exactly as the fake server would send it
 * and read back by the same parser as the real adapter, so both give equal responses. Error
 * replies throw what the adapter throws once retries are spent (no retries here, no waiting:
 * `delayMs` only sets `latencyMs`).
 * @example
 * const model = createScriptedModel({ respond: () => fakeAnswer('B') });
 * (await model.complete(request)).choices[0]?.content; // 'B'
 * Complexity: O(request + reply size) per call.
 */
export function createScriptedModel(options: ScriptedModelOptions = {}): ScriptedModel {
  let respond = options.respond ?? classifierResponder();
  const flavour = options.flavour ?? 'llama.cpp';
  const calls: ChatRequest[] = [];

  const complete = async (request: ChatRequest): Promise<ChatResponse> => {
    const body = toChatCompletionsBody(request);
    calls.push(request);
    const reply = await respond(body, calls.length - 1);
    const json =
      reply.type === 'completion'
        ? completionWireBody(reply, body, flavour)
        : scriptedReplyJson(reply);
    const parsed = parseChatCompletionsResponse(json);
    if (!parsed.ok)
      throw new HiloError('MODEL_UNAVAILABLE', `unexpected response body (${parsed.reason})`);
    return {
      choices: parsed.value.choices,
      usage: completionUsage(parsed.value.usage, parsed.value.choices, request.messages),
      cached: false,
      latencyMs: reply.delayMs ?? 0,
    };
  };

  return {
    complete,
    calls,
    setBehaviour(next) {
      respond = next;
    },
  };
}
