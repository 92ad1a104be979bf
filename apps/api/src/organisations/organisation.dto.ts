import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ORGANISATION_KINDS, OrganisationKind } from '../../../../libs/domain/src/organisation-kinds';
import { IsCalendarDate, IsCode, IsPlainText, ORGANISATION_CODE } from '../common/validation';

export class ListOrganisationsQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  /** Only those in existence on this date (Stockholm's districts are dated); without it, all, history included. */
  @ApiPropertyOptional({ example: '2023-07-01' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'VC-VALLENTUNA', description: 'Municipalities by their four-digit code; others by a short code.' })
  @IsCode({ ...ORGANISATION_CODE, what: '2-40 letters, digits or dashes' })
  code: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiProperty({ example: 'Vallentuna vårdcentral' })
  @IsPlainText({ max: 200 })
  name: string;
}
