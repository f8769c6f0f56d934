import { HiloError } from '../../core/errors.js';
import { errorForStatus, serverErrorMessage } from '../../llm/model-error.js';
import type { FakeFailureReply } from './fake-replies.js';

/**
 * What the HTTP adapters make of a reply other than an answer, once retries are spent: the
 * error they throw, or the JSON of a `raw` 2xx body (to be read like any answer).
 * @example const json = scriptedReplyJson(malformedBody()); // throws MODEL_UNAVAILABLE
 * Complexity: O(body length).
 */
export function scriptedReplyJson(reply: FakeFailureReply): unknown {
  switch (reply.type) {
    case 'error':
      throw errorForStatus(reply.status, reply.message ?? `error ${reply.status}`);
    case 'malformed':
      throw new HiloError('MODEL_UNAVAILABLE', 'the response body is not JSON');
    case 'raw':
      if (reply.status < 200 || reply.status >= 300) {
        throw errorForStatus(reply.status, serverErrorMessage(reply.body));
      }
      try {
        return JSON.parse(reply.body);
      } catch {
        throw new HiloError('MODEL_UNAVAILABLE', 'the response body is not JSON');
      }
  }
}
