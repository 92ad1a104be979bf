// First: tracing patches http and pg only if it starts before they are required.
import './tracing';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { ConfigError, loadAppConfig } from '../../../libs/config/src/app-config';
import { createApiApplication } from './bootstrap';
import { runApiPrimary } from './primary';

async function main(): Promise<void> {
  const config = loadAppConfig();
  // API_REPLICAS > 1: this process is only the primary that forks the replicas, each of which runs the code below.
  if (config.apiReplicas > 1 && cluster.isPrimary) {
    runApiPrimary(config.apiReplicas);
    return;
  }
  const app = await createApiApplication(config);
  // A launcher that dies must not leave the API behind.
  process.on('disconnect', () => void app.close());
  try {
    await app.listen(config.PORT, config.HOST);
    new Logger('api').log(`listening on http://${config.HOST}:${config.PORT}`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError('PORT', `${config.PORT} is already in use on ${config.HOST}: set PORT to a free port`);
    }
    throw err;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
