import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../../../libs/config/src/app-config';
import { ApiModule } from './api.module';
import { DomainErrorFilter } from './common/domain-error.filter';
import { configureHttpEdge } from './common/http-edge';
import { HttpErrorFilter } from './common/http-error.filter';
import { createValidationPipe } from './common/validation';

/** The configured API application, shared by `main.ts` and the tests so both run the same pipeline. */
export async function createApiApplication(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  configureHttpEdge(app, config);
  app.useGlobalPipes(createValidationPipe());
  // The filter registered last is tried first: domain errors, then everything else, all in one error shape.
  app.useGlobalFilters(new HttpErrorFilter(), new DomainErrorFilter());
  app.enableShutdownHooks();
  // Swagger UI at /docs and the OpenAPI document at /docs-json, unless switched off (off in production by default).
  if (!config.apiDocsEnabled) return app;

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('vardflode')
      .setDescription('Inter-organisational care cases: start, act on and follow durable case workflows.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
