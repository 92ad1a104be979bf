import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ORGANISATION_KINDS, OrganisationKind } from '../../../../libs/domain/src/organisation-kinds';

export class ListOrganisationsQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'VC-VALLENTUNA', description: 'Municipalities by their four-digit code; others by a short code.' })
  @Matches(/^[A-Za-z0-9-]{2,40}$/, { message: 'code must be 2-40 letters, digits or dashes' })
  code: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiProperty({ example: 'Vallentuna vårdcentral' })
  @IsString()
  @Length(1, 200)
  name: string;
}
