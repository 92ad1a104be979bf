import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../../../libs/config/src/app-config';
import { ApiModule } from './api.module';
import { codecCors } from './codec/codec-cors';
import { DomainErrorFilter } from './common/domain-error.filter';
import { configureHttpEdge } from './common/http-edge';
import { HttpErrorFilter } from './common/http-error.filter';
import { methodNotAllowed } from './common/method-not-allowed';
import { QuietStartupLogger } from './common/quiet-startup-logger';
import { withValidationRules } from './common/openapi-document';
import { createValidationPipe } from './common/validation';
import { DEFAULT_WEB_DIR, webAppHandlers } from './common/web-app';

/** The OpenAPI document of the application's routes, as served at /docs-json and read by the web client's generator. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return withValidationRules(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('vardflode')
        .setDescription('Inter-organisational care cases: start, act on and follow durable case workflows.')
        .setVersion('0.1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .build(),
    ),
  );
}

/** The configured API application, shared by `main.ts` and the tests so both run the same pipeline. */
export async function createApiApplication(config: AppConfig, options: { webDir?: string } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  configureHttpEdge(app, config);
  // The codec server's CORS (the Temporal UI's origin only), preflights answered before the 405 and auth checks.
  app.use(codecCors(config));
  app.useGlobalPipes(createValidationPipe());
  // The filter registered last is tried first: domain errors, then everything else, all in one error shape.
  app.useGlobalFilters(new HttpErrorFilter(), new DomainErrorFilter(config.HTTP_RETRY_AFTER_SECONDS));
  app.enableShutdownHooks();

  const document = buildOpenApiDocument(app);
  // Registered before init, so it runs ahead of the router that answers an unknown method with a 404. The routes
  // come from the document, which is therefore built even where it is not served.
  app.use(methodNotAllowed(document));
  // The web app at / (same origin), when built: its assets and, for a browser's navigation outside the API, index.html.
  for (const handler of webAppHandlers(options.webDir ?? DEFAULT_WEB_DIR, document)) app.use(handler);
  // Swagger UI at /docs and the OpenAPI document at /docs-json, unless switched off (off in production by default).
  if (config.apiDocsEnabled) SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
