import { loadConfig, type ServerConfig, startApp } from './app.js';
import { createLogger } from './logger.js';

let config: ServerConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(`voxlay: invalid configuration: ${(error as Error).message}`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);

process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));

const app = await startApp(config);
logger.info({ url: app.url, staticDir: config.staticDir ?? null }, 'voxlay server started');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  });
}
