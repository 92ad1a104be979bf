import { Body, Controller, Headers, HttpCode, Inject, Module, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import type { Request, Response } from 'express';
import { Roles, TokenCookie } from '../../../../libs/auth/src/auth.decorators';
import { AppConfig } from '../../../../libs/config/src/app-config';
import { KEY_RING } from '../../../../libs/crypto/src/crypto.module';
import { KeyRing, MissingKeyError } from '../../../../libs/crypto/src/key-ring';
import { KeyRingPayloadCodec, sealedWith } from '../../../../libs/crypto/src/payload-codec';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { encryptionKeyMissing } from '../../../../libs/temporal/src/temporal-errors';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { CodecPayloadDto, CodecPayloadsDto } from './codec.dto';

/** The HttpOnly cookie that carries an operator's token to the codec server from the Temporal UI's page. */
export const CODEC_COOKIE = 'vardflode_codec';

const toBytes = (b64?: string) => Buffer.from(b64 ?? '', 'base64');
const fromDto = (p: CodecPayloadDto): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, toBytes(v)])),
  data: toBytes(p.data),
});
const toDto = (p: Payload): CodecPayloadDto => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

export class CodecSessionDto {
  @ApiProperty({ example: CODEC_COOKIE, description: 'The name of the HttpOnly cookie set' })
  cookie: string;

  @ApiProperty({ example: '/codec', description: 'The path the browser sends it to' })
  path: string;
}

/**
 * Temporal's remote codec server (the protocol the Temporal Web UI and CLI speak), on the API's key ring, for HSF's
 * operators only: the UI shows a workflow's payloads decoded to them, and ciphertext to anyone else. Every decode is
 * in the audit trail: who, the namespace, how many payloads, the key ids (never a payload's content).
 */
@ApiTags('codec')
@ApiAuthenticated()
@Controller('codec')
export class CodecController {
  private readonly codec: KeyRingPayloadCodec;

  constructor(
    @Inject(KEY_RING) keyRing: KeyRing,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.codec = new KeyRingPayloadCodec(keyRing);
  }

  @Post('decode')
  @HttpCode(200)
  @Roles('operator')
  @TokenCookie(CODEC_COOKIE)
  @Audit('codec.decode')
  @ApiOperation({ summary: "Decodes payloads sealed with the key ring (Temporal's remote codec protocol); audited with the key ids, never the contents" })
  @ApiOkResponse({ type: CodecPayloadsDto })
  @ApiJsonBodyErrors()
  @ApiErrors(503)
  async decode(@Ctx() ctx: RequestContext, @Body() body: CodecPayloadsDto, @Headers('x-namespace') namespace?: string): Promise<CodecPayloadsDto> {
    const payloads = (body.payloads ?? []).map(fromDto);
    const keyIds = [...new Set(payloads.map((p) => sealedWith(p)).filter((k): k is string => k !== undefined))].sort();
    ctx.audit.detail = { namespace: this.namespace(namespace), payloads: payloads.length, keyIds };
    try {
      return { payloads: (await this.codec.decode(payloads)).map(toDto) };
    } catch (err) {
      if (err instanceof MissingKeyError) throw encryptionKeyMissing('these payloads', err.keyId);
      throw new DomainError(DomainErrorCode.InvalidInput, `payloads: ${(err as Error).message}`, { field: 'payloads' });
    }
  }

  @Post('encode')
  @HttpCode(200)
  @Roles('operator')
  @TokenCookie(CODEC_COOKIE)
  @Audit('codec.encode')
  @ApiOperation({ summary: "Seals payloads with the key ring's current key (Temporal's remote codec protocol), e.g. a signal's input typed in the Temporal UI" })
  @ApiOkResponse({ type: CodecPayloadsDto })
  @ApiJsonBodyErrors()
  async encode(@Ctx() ctx: RequestContext, @Body() body: CodecPayloadsDto, @Headers('x-namespace') namespace?: string): Promise<CodecPayloadsDto> {
    const encoded = await this.codec.encode((body.payloads ?? []).map(fromDto));
    ctx.audit.detail = { namespace: this.namespace(namespace), payloads: encoded.length, keyIds: [...new Set(encoded.map((p) => sealedWith(p)))] };
    return { payloads: encoded.map(toDto) };
  }

  /**
   * Gives the operator's browser the HttpOnly cookie (SameSite=Strict, path /codec) that carries the token to the
   * codec server when the Temporal UI calls it with credentials. Ports do not make another site, so the UI on
   * 127.0.0.1:8233 sends the cookie to the API on 127.0.0.1:3000.
   */
  @Post('session')
  @HttpCode(200)
  @Roles('operator')
  @Audit('codec.session')
  @ApiOperation({ summary: "Sets the operator's codec cookie (HttpOnly, SameSite=Strict) from the bearer token, for the Temporal UI's calls with credentials" })
  @ApiOkResponse({ type: CodecSessionDto })
  session(@Req() req: Request, @Res({ passthrough: true }) res: Response): CodecSessionDto {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    res.cookie(CODEC_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/codec', secure: this.config.NODE_ENV === 'production' });
    return { cookie: CODEC_COOKIE, path: '/codec' };
  }

  private namespace(header?: string): string {
    // The Temporal CLI sends an empty X-Namespace unless told a namespace: the same as none.
    if (header !== undefined && header !== '' && header !== this.config.TEMPORAL_NAMESPACE) {
      throw new DomainError(DomainErrorCode.InvalidInput, `X-Namespace must be ${this.config.TEMPORAL_NAMESPACE}, the namespace this codec serves`, { field: 'X-Namespace' });
    }
    return this.config.TEMPORAL_NAMESPACE;
  }
}

@Module({ controllers: [CodecController] })
export class CodecModule {}
