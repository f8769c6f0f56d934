/** A fake OpenAI-compatible server in its own process, so its CPU does not count against the client. */
import { startFakeOpenAiServer } from '../src/testing/fakes/fake-openai-server.js';

const latencyMs = Number(process.argv[2] ?? '100');
const server = await startFakeOpenAiServer({ latencyMs, recordBodies: false, slots: 1024 });
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
