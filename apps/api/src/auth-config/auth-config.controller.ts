import { Controller, Get, Inject, Module } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../libs/auth/src/auth.decorators';
import { AppConfig } from '../../../../libs/config/src/app-config';
import { BooleanProperty, TextProperty } from '../common/api-properties';
import { ApiErrors } from '../common/error-response.dto';

/** Which sign-in the web app shows. Public and free of secrets: the OIDC client is a public client (PKCE). */
export class AuthConfigDto {
  @BooleanProperty({ description: 'The development sign-in (`/dev/sign-in`, tokens of the dev issuer) is on.' })
  devSignIn: boolean;

  @TextProperty({ optional: true, description: 'The OpenID Connect issuer the app signs people in at (AUTH_ISSUER); absent when the app has no OIDC sign-in.', example: 'https://idp.example.se/realms/vard' })
  issuer?: string;

  @TextProperty({ optional: true, description: "The app's public OIDC client id (AUTH_WEB_CLIENT_ID).", example: 'vardflode-web' })
  clientId?: string;

  @TextProperty({ optional: true, description: 'The scopes the app asks for (AUTH_WEB_SCOPE).', example: 'openid profile' })
  scope?: string;
}

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthConfigController {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  @Get('config')
  @ApiOperation({ summary: "The web app's sign-in: the dev sign-in, or OpenID Connect (authorization code with PKCE) at the issuer" })
  @ApiOkResponse({ type: AuthConfigDto })
  @ApiErrors(429)
  get(): AuthConfigDto {
    return { devSignIn: this.config.devIssuerEnabled, ...this.config.webOidc };
  }
}

@Module({ controllers: [AuthConfigController] })
export class AuthConfigModule {}
