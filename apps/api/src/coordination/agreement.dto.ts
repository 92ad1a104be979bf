import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../common/validation';

export class SignatoryDto {
  @ApiProperty({ example: 'Björn Eriksson' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ['director_of_health_care', 'department_head'] })
  @IsIn(['director_of_health_care', 'department_head'])
  role: 'director_of_health_care' | 'department_head';

  @ApiPropertyOptional({ example: 'HSN-DEL-2021-01', description: 'Required of a department head: a registered delegation.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  delegationReference?: string;
}

export class AgreementDecisionDto {
  @ApiProperty({ example: '2021-02-10' })
  @IsCalendarDate()
  decidedOn: string;

  @ApiProperty({ example: 'HSN 2020-1821 § 12' })
  @IsString()
  @Length(1, 100)
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
  @ApiProperty({ example: 2.6, description: 'LPIK excluding pharmaceuticals for the year, in percent (at most two decimals).', minimum: -50, maximum: 50 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  percent: number;
}

export class CorrectLpikDto extends RegisterLpikDto {
  @ApiProperty({ example: 'Prognos registrerad i stället för utfall', minLength: 1, maxLength: 500 })
  @IsString()
  @Length(1, 500)
  reason: string;
}
