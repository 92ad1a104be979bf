import 'reflect-metadata';
import { ConfigError, loadAppConfig } from '../../../libs/config/src/app-config';
import { createApiApplication } from './bootstrap';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await createApiApplication(config);
  // A launcher that dies must not leave the API behind.
  process.on('disconnect', () => void app.close());
  try {
    await app.listen(config.PORT, config.HOST);
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
