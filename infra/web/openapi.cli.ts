/**
 * `node dist/infra/web/openapi.cli.js <file>` writes the API's OpenAPI document (the one /docs-json serves) without
 * a server, a database or Temporal: Nest builds the module graph in preview mode, which reads the controllers' and
 * DTOs' metadata but instantiates no provider, so nothing connects anywhere. The web client's types are generated
 * from this file (infra/scripts/build.js).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiModule } from '../../apps/api/src/api.module';
import { buildOpenApiDocument } from '../../apps/api/src/bootstrap';
import { loadAppConfig } from '../../libs/config/src/app-config';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: openapi.cli.js <output.json>');
  // The document does not depend on the environment: defaults only, so a developer's .env cannot change it.
  const config = loadAppConfig({ NODE_ENV: 'development' });
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
  const document = buildOpenApiDocument(app);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

main().catch((err: unknown) => {
  console.error('[openapi] could not build the document:', err);
  process.exit(1);
});
