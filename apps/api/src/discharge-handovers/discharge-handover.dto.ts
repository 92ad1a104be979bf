import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import {
  CANCELLATION_REASONS,
  CARE_TYPES,
  CancellationReason,
  CareType,
  MUNICIPAL_NEEDS,
  MunicipalNeed,
  REGION_NEEDS,
  RegionNeed,
} from '../../../../libs/contracts/src/discharge-handover.contract';
import { IsCalendarDate, IsInstant, IsPersonnummer } from '../common/validation';

const ORGANISATION_CODE = /^[A-Za-z0-9-]{2,32}$/;

export class ExpectedNeedsDto {
  @ApiProperty({ enum: MUNICIPAL_NEEDS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(MUNICIPAL_NEEDS, { each: true })
  municipal: MunicipalNeed[];

  @ApiProperty({ enum: REGION_NEEDS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(REGION_NEEDS, { each: true })
  region: RegionNeed[];
}

/** Inskrivningsmeddelande: what the hospital sends when it opens the case. */
export class StartDischargeHandoverDto {
  @ApiProperty({ example: '19121212-1212', description: 'Validated, check digit included; never logged.' })
  @IsPersonnummer()
  personnummer: string;

  @ApiProperty({ example: 'Tolvan Tolvansson' })
  @IsString()
  @Length(1, 200)
  patientName: string;

  @ApiProperty({ example: '0125', description: 'Municipality of residence, official four-digit code.' })
  @Matches(/^\d{4}$/, { message: 'municipalityCode must be a four-digit municipality code' })
  municipalityCode: string;

  @ApiProperty({ example: 'VC-EKERO', description: 'The listed vårdcentral (organisation code).' })
  @Matches(ORGANISATION_CODE, { message: 'vardcentralCode must be an organisation code' })
  vardcentralCode: string;

  @ApiProperty({ example: '2026-11-23T08:15:00+01:00' })
  @IsInstant()
  admittedAt: string;

  @ApiProperty({ example: '2026-11-27' })
  @IsCalendarDate()
  estimatedDischargeDate: string;

  @ApiProperty({ enum: CARE_TYPES })
  @IsIn(CARE_TYPES)
  careType: CareType;

  @ApiPropertyOptional({ example: 'ASIH-NORR', description: 'The ASIH unit for weekend and holiday discharges (default from configuration).' })
  @IsOptional()
  @Matches(ORGANISATION_CODE, { message: 'asihCode must be an organisation code' })
  asihCode?: string;

  @ApiProperty({ type: ExpectedNeedsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ExpectedNeedsDto)
  needs: ExpectedNeedsDto;
}

export class ChangeEstimatedDischargeDateDto {
  @ApiProperty({ example: '2026-11-28' })
  @IsCalendarDate()
  estimatedDischargeDate: string;
}

export class DeclareReadyForDischargeDto {
  @ApiProperty({ example: '2026-11-26T10:30:00+01:00', description: 'When the treating doctor judged the patient ready.' })
  @IsInstant()
  declaredAt: string;

  @ApiPropertyOptional({
    example: '2026-11-26T14:00:00+01:00',
    description: 'When the patient will leave (default: declaredAt, the same-day target). Decides who takes over.',
  })
  @IsOptional()
  @IsInstant()
  plannedDischargeAt?: string;
}

export class RevokeReadyForDischargeDto {
  @ApiProperty({ example: 'Feber, ny infektion' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class RecordDischargeDto {
  @ApiProperty({ example: '2026-11-26T15:10:00+01:00' })
  @IsInstant()
  dischargedAt: string;
}

export class CancelDischargeHandoverDto {
  @ApiProperty({ enum: CANCELLATION_REASONS })
  @IsIn(CANCELLATION_REASONS)
  reason: CancellationReason;
}
