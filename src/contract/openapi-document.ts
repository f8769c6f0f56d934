import { z } from 'zod';
import { errorBody, peopleRoutes } from './people-api.js';

/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas above.
 * @example reply.send(openApiDocument('0.1.0'))
 * Complexity: O(routes).
 */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of peopleRoutes) {
    const op: Record<string, unknown> = {
      summary: route.summary,
      security: route.auth === 'none' ? [] : [{ cookie: [] }, { bearer: [] }],
      responses: {
        '200':
          route.response === null
            ? { description: 'ok' }
            : {
                description: 'ok',
                content: {
                  'application/json': { schema: z.toJSONSchema(route.response, { io: 'output' }) },
                },
              },
        default: {
          description: 'error',
          content: { 'application/json': { schema: z.toJSONSchema(errorBody) } },
        },
      },
    };
    if (route.body !== null)
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input' }) } },
      };
    paths[route.path] = { ...paths[route.path], [route.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'hilo annotation server', version },
    components: {
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'hilo_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}
