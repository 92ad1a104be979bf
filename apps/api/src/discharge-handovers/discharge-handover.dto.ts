import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
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
import { IsCalendarDate, IsCode, IsFreeText, IsInstant, IsPersonnummer, IsPlainText, MUNICIPALITY_CODE, ORGANISATION_CODE } from '../common/validation';

export class ExpectedNeedsDto {
  @ApiProperty({ enum: MUNICIPAL_NEEDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(MUNICIPAL_NEEDS.length)
  @ArrayUnique()
  @IsIn(MUNICIPAL_NEEDS, { each: true })
  municipal: MunicipalNeed[];

  @ApiProperty({ enum: REGION_NEEDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(REGION_NEEDS.length)
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
  @IsPlainText({ max: 200 })
  patientName: string;

  @ApiProperty({ example: '0125', description: 'Municipality of residence, official four-digit code.' })
  @IsCode(MUNICIPALITY_CODE)
  municipalityCode: string;

  @ApiProperty({ example: 'VC-EKERO', description: 'The listed vårdcentral (organisation code).' })
  @IsCode(ORGANISATION_CODE)
  vardcentralCode: string;

  @ApiProperty({
    example: '2026-11-23T08:15:00+01:00',
    description: 'Not in the future (5 minutes of clock skew allowed), and at most DISCHARGE_ADMISSION_MAX_AGE_DAYS (default 365) days ago.',
  })
  @IsInstant()
  admittedAt: string;

  @ApiPropertyOptional({
    example: '2026-11-24T14:00:00+01:00',
    description:
      "The treating doctor's judgement, later than the admission, that the patient may need help after discharge: the notice's 24 hours count from it. Not before admittedAt, not in the future (5 minutes of clock skew allowed).",
  })
  @IsOptional()
  @IsInstant()
  needsJudgedAt?: string;

  @ApiProperty({
    example: '2026-11-27',
    description: 'Not before the admission date (Stockholm), and at most 365 days after today (Stockholm).',
  })
  @IsCalendarDate()
  estimatedDischargeDate: string;

  @ApiProperty({ enum: CARE_TYPES })
  @IsIn(CARE_TYPES)
  careType: CareType;

  @ApiPropertyOptional({ example: 'ASIH-NORR', description: 'The ASIH unit for weekend and holiday discharges (default from configuration).' })
  @IsOptional()
  @IsCode(ORGANISATION_CODE)
  asihCode?: string;

  @ApiProperty({ type: ExpectedNeedsDto, description: 'Either list may be empty (a patient may need region services only); a patient with no municipal needs gives the municipality no task.' })
  @IsObject()
  @ValidateNested()
  @Type(() => ExpectedNeedsDto)
  needs: ExpectedNeedsDto;
}

export class ChangeEstimatedDischargeDateDto {
  @ApiProperty({
    example: '2026-11-28',
    description: 'Not before the admission date (Stockholm), and at most 365 days after today (Stockholm).',
  })
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
  @IsFreeText({ max: 500 })
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
