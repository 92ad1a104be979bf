import { Body, Controller, Get, HttpCode, Inject, Module, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { createHash } from 'node:crypto';
import { Public } from '../../../../libs/auth/src/auth.decorators';
import { signDevToken } from '../../../../libs/auth/src/dev-issuer';
import { Role, ROLES } from '../../../../libs/auth/src/principal';
import { AppConfig } from '../../../../libs/config/src/app-config';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { OrganisationRepository } from '../../../../libs/persistence/src/repositories/organisation.repository';

export class DevSignInDto {
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,63}$/, { message: 'organisationCode must be an organisation code' })
  organisationCode: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}

/**
 * Development sign-in for the web app: pick an organisation, roles and a name, get a token from the dev issuer.
 * Mounted only while the dev issuer is on (never in production, see AppConfig), and left out of the OpenAPI document,
 * which describes the API as it runs in production.
 */
@ApiExcludeController()
@Public()
@Controller('dev/sign-in')
export class DevSignInController {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly organisations: OrganisationRepository,
  ) {}

  /** What the sign-in screen offers: the active organisations and the roles. */
  @Get()
  async options() {
    const organisations = (await this.organisations.list()).filter((o) => o.active);
    return {
      organisations: organisations.map((o) => ({ code: o.code, name: o.name, kind: o.kind })),
      roles: ROLES,
    };
  }

  @Post()
  @HttpCode(200)
  async signIn(@Body() dto: DevSignInDto) {
    const org = await this.organisations.find(dto.organisationCode);
    if (!org || !org.active) throw new DomainError(DomainErrorCode.InvalidInput, `organisation ${dto.organisationCode} is unknown or not active`, { field: 'organisationCode' });
    // The person id (the token's subject, which logs and task claims show) is derived from the name, never the name.
    const personId = `dev-${createHash('sha256').update(`${org.code}\n${dto.name}`).digest('hex').slice(0, 12)}`;
    // As long as a working day by default (AUTH_DEV_TOKEN_LIFETIME); the web app keeps it in memory only.
    const expiresAt = new Date(Date.now() + durationMs(this.config.AUTH_DEV_TOKEN_LIFETIME));
    const token = await signDevToken(this.config.DATA_DIR, {
      organisationCode: org.code,
      roles: [...new Set(dto.roles)],
      personId,
      name: dto.name,
      audience: this.config.AUTH_AUDIENCE,
      expiresAt,
    });
    return { token, personId, expiresAt: expiresAt.toISOString() };
  }
}

@Module({ controllers: [DevSignInController] })
export class DevSignInModule {}
