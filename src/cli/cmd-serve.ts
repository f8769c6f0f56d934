import { resolve } from 'node:path';
import type { Command } from 'commander';
import { serveProject } from '../compose/index.js';
import type { CliIo } from './cli-io.js';
import { integerFlag } from './flags.js';
import { proxyAddresses } from './proxy-flag.js';
import { readableTime } from './invitation-text.js';
import type { Interrupts } from './interrupt.js';
import { cliLogger } from './with-project.js';

interface ServeFlags {
  project: string;
  host: string;
  port: string;
  trustProxy?: string;
}

export function registerServe(program: Command, io: CliIo, interrupts: Interrupts): void {
  program
    .command('serve')
    .description(
      'Serve the annotation web UI and its API: annotators, reviewers and the admin dashboard.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port', '4100')
    .option(
      '--trust-proxy <addresses>',
      'reverse proxies (comma-separated addresses or CIDR ranges) whose X-Forwarded-For names the client',
    )
    .action(async (flags: ServeFlags) => {
      const port = integerFlag('--port', flags.port, { min: 0, max: 65535 });
      const trustProxy = proxyAddresses(flags.trustProxy);
      const server = await serveProject({
        dir: resolve(io.cwd, flags.project),
        env: io.env,
        logger: cliLogger(io),
        version: io.version,
        host: flags.host,
        port,
        ...(trustProxy ? { trustProxy } : {}),
      });
      io.out(`hilo serving ${server.project.config.name} at ${server.url}\n`);
      if (server.adminLink !== null && server.firstAdmin !== null)
        io.out(
          `first admin created; open this link to sign in. It works once, until ${readableTime(server.firstAdmin.expiresAt)}, and is not shown again:\n  ${server.adminLink}\n` +
            `a new link later: hilo annotators invite ${server.firstAdmin.id} --project ${flags.project}\n`,
        );
      const stop = interrupts.signal('stopping the server');
      await new Promise((done) => stop.addEventListener('abort', done, { once: true }));
      await server.close();
    });
}
