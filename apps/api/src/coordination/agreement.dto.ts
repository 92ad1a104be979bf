import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, ValidateNested } from 'class-validator';
import { LPIK_BOUNDS_HUNDREDTHS } from '../../../../libs/domain/src/coordination/support-agreement';
import { IsCalendarDate, IsFreeText, IsPlainText } from '../common/validation';

export class SignatoryDto {
  @ApiProperty({ example: 'Björn Eriksson' })
  @IsPlainText({ max: 200 })
  name: string;

  @ApiProperty({ enum: ['director_of_health_care', 'department_head'] })
  @IsIn(['director_of_health_care', 'department_head'])
  role: 'director_of_health_care' | 'department_head';

  @ApiPropertyOptional({
    example: 'HSN-DEL-2021-01',
    description: "Required of a department head (the head of the närsjukvårdsavdelningen, HSN 2020-1821): the director of health care's delegation, registered and valid on the decision date.",
  })
  @IsOptional()
  @IsPlainText({ max: 100 })
  delegationReference?: string;
}

export class AgreementDecisionDto {
  @ApiProperty({ example: '2021-02-10' })
  @IsCalendarDate()
  decidedOn: string;

  @ApiProperty({ example: 'HSN 2020-1821 § 12' })
  @IsPlainText({ max: 100 })
  reference: string;

  @ApiPropertyOptional({ type: SignatoryDto, description: "HSN's signatory (required for HSN)." })
  @IsOptional()
  @ValidateNested()
  @Type(() => SignatoryDto)
  signatory?: SignatoryDto;
}

export class AgreementNoticeDto {
  @ApiProperty({ example: '2023-06-30' })
  @IsCalendarDate()
  givenOn: string;
}

export class RegisterLpikDto {
  @ApiProperty({ example: 2.6, description: 'LPIK excluding pharmaceuticals for the year (outcome or forecast: AGREEMENT_LPIK_BASIS), in percent (at most two decimals).', minimum: LPIK_BOUNDS_HUNDREDTHS.min / 100, maximum: LPIK_BOUNDS_HUNDREDTHS.max / 100, multipleOf: 0.01 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  percent: number;
}

export class CorrectLpikDto extends RegisterLpikDto {
  @ApiProperty({ example: 'Prognos registrerad i stället för utfall' })
  @IsFreeText({ max: 500 })
  reason: string;
}
