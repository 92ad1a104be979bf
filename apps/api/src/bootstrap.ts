import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../../../libs/config/src/app-config';
import { ApiModule } from './api.module';
import { DomainErrorFilter } from './common/domain-error.filter';
import { methodNotAllowed } from './common/method-not-allowed';
import { withValidationRules } from './common/openapi-document';
import { createValidationPipe } from './common/validation';

/** The configured API application, shared by `main.ts` and the tests so both run the same pipeline. */
export async function createApiApplication(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT_BYTES });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();

  const document = withValidationRules(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('vardflode')
      .setDescription('Inter-organisational care cases: start, act on and follow durable case workflows.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  ));
  // Registered before init, so it runs ahead of the router that answers an unknown method with a 404.
  app.use(methodNotAllowed(document));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
