import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBase64, IsOptional, ValidateNested, registerDecorator, ValidationArguments } from 'class-validator';

/** The largest batch of payloads one codec request may carry (the Temporal UI sends one event's payloads at a time). */
export const CODEC_MAX_PAYLOADS = 1000;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const METADATA_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** `metadata`: names (letters, digits, `.`, `_`, `-`) to base64 values, as Temporal's payload JSON has it. */
function IsPayloadMetadata(): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPayloadMetadata',
      target: object.constructor,
      propertyName: String(propertyName),
      options: { message: (a: ValidationArguments) => `${a.property} must map names (letters, digits, . _ -) to base64 strings` },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).length <= 50 &&
          Object.entries(value).every(([k, v]) => METADATA_NAME.test(k) && typeof v === 'string' && BASE64.test(v)),
      },
    });
}

/** One Temporal payload in protobuf JSON: metadata and data base64. */
export class CodecPayloadDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', format: 'byte' }, example: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==' } })
  @IsOptional()
  @IsPayloadMetadata()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ type: 'string', format: 'byte', description: 'The payload bytes, base64.' })
  @IsOptional()
  @IsBase64(undefined, { message: 'data must be base64' })
  data?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'Accepted for the protocol, passed on unchanged (external storage is not used).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(0, { message: 'externalPayloads must be empty (external payload storage is not used)' })
  externalPayloads?: unknown[];
}

/** Temporal's remote codec protocol: a `Payloads` message in protobuf JSON, in and out. */
export class CodecPayloadsDto {
  /** Protobuf JSON leaves an empty list out: `{}` is no payloads (the Temporal CLI sends it). */
  @ApiPropertyOptional({ type: [CodecPayloadDto], maxItems: CODEC_MAX_PAYLOADS, description: 'Absent: none (protobuf JSON omits an empty list)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CODEC_MAX_PAYLOADS)
  @ValidateNested({ each: true })
  @Type(() => CodecPayloadDto)
  payloads?: CodecPayloadDto[];
}
