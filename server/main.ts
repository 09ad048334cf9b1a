import { createServer, type RequestListener } from 'node:http';
import { Server as NetServer } from 'node:net';
import path from 'node:path';
import { createRequestListener } from '@react-router/node';
import { RouterContextProvider, type RouterContext, type ServerBuild } from 'react-router';
import type { AppServices } from '../app/context.ts';
import { ConfigError, type Config, loadConfig } from '../src/config.ts';
import { prepareDatabase } from '../src/db/boot.ts';
import type { Database } from '../src/db/database.ts';
import { createLogger } from '../src/logger.ts';
import { smtpSender } from '../src/mail.ts';
import { deliverOutbox } from '../src/use-cases/inbox.ts';
import { setSecurityHeaders } from './headers.ts';
import { serveStatic } from './static.ts';

const netServerClose = NetServer.prototype.close;
const ROOT = path.resolve(import.meta.dirname, '..');
const SHUTDOWN_GRACE_MS = 10_000;
// npm run dev: pages compiled on demand by Vite, with hot reload.
const DEV_SERVER = process.argv.includes('--dev');

type EntryModule = { appServicesContext: RouterContext<AppServices> };

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`kongtun: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
const logger = createLogger(config.logLevel);

async function loadApp(): Promise<{ handle: RequestListener; close: () => Promise<void> }> {
  if (DEV_SERVER) {
    const vite = await import('vite');
    const devServer = await vite.createServer({ server: { middlewareMode: true } });
    const build = () => devServer.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>;
    const listener = await requestListener(build);
    return {
      handle: (req, res) => devServer.middlewares(req, res, () => listener(req, res)),
      close: () => devServer.close(),
    };
  }
  const buildPath = path.join(ROOT, 'build/server/index.js');
  const build = (await import(buildPath)) as ServerBuild;
  const listener = await requestListener(build);
  const clientRoot = path.join(ROOT, 'build/client');
  return {
    handle: (req, res) => {
      if (!serveStatic(clientRoot, req, res)) listener(req, res);
    },
    close: async () => {},
  };
}

let services: AppServices;

async function requestListener(build: ServerBuild | (() => Promise<ServerBuild>)): Promise<RequestListener> {
  return createRequestListener({
    build,
    mode: DEV_SERVER ? 'development' : 'production',
    getLoadContext: async () => {
      const entry = (typeof build === 'function' ? await build() : build).entry.module as unknown as EntryModule;
      const context = new RouterContextProvider();
      context.set(entry.appServicesContext, services);
      return context;
    },
  });
}

const MAIL_ROUND_MS = 15_000;

/** With SMTP configured, sends the outbox every few seconds; without, mail waits for the admin to read. */
function startMailDelivery(database: Database): { stop: () => Promise<void> } {
  if (!config.smtpUrl) return { stop: async () => {} };
  const sender = smtpSender(config.smtpUrl, config.mailFrom);
  let round: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    round = deliverOutbox(database.db, sender.send)
      .then((result) => {
        if (result.sent || result.failed) logger.info(result, 'outbox delivered');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'outbox delivery failed; will retry'));
  }, MAIL_ROUND_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await round;
      sender.close();
    },
  };
}

async function main() {
  const database = await prepareDatabase(config, logger);
  services = { config, database, logger, devServer: DEV_SERVER };
  const app = await loadApp();
  let stopping = false;
  const server = createServer((req, res) => {
    setSecurityHeaders(res, config.cookieSecure);
    if (stopping) res.setHeader('Connection', 'close');
    app.handle(req, res);
  });
  const mail = startMailDelivery(database);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, engine: database.engine }, `kongtun is listening on http://localhost:${port}`);
  });

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing requests in flight');
    // net.Server's close stops accepting and waits for every open connection. (http.Server's
    // would also drop "idle" ones at once, and a just-accepted socket whose request is not
    // read yet looks idle: that request would be reset.) Responses from now on close their
    // connection; keep-alive sockets left idle go after a moment, stragglers at the deadline.
    const idle = setTimeout(() => server.closeIdleConnections(), 1000);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    netServerClose.call(server, async () => {
      clearTimeout(idle);
      clearTimeout(force);
      await mail.stop();
      await app.close();
      await database.close();
      logger.info('stopped: database closed');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'kongtun could not start');
  process.exit(1);
});
