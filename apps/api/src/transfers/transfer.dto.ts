import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { HEALTHCARE_REGIONS } from '../../../../libs/domain/src/transfers/healthcare-regions';
import { MAX_QUANTITY, REINFORCEMENT_CATEGORIES } from '../../../../libs/domain/src/transfers/reinforcement.rules';
import { MAX_PATIENTS } from '../../../../libs/domain/src/transfers/transfer.rules';
import { CANCEL_REASONS, CARE_LEVELS, INFECTION_STATUSES } from '../../../../libs/domain/src/transfers/transfer.types';
import { IsCalendarDate, IsFreeText, IsInstant, IsPlainText } from '../common/validation';

export class TransferPatientDto {
  @ApiProperty({ example: 'IVA-KS-2021-117', description: "The sending region's own reference: never a personnummer or a name." })
  @IsPlainText({ max: 40 })
  reference: string;

  @ApiProperty({ enum: CARE_LEVELS })
  @IsIn(CARE_LEVELS)
  careLevel: (typeof CARE_LEVELS)[number];

  @ApiProperty({ enum: INFECTION_STATUSES })
  @IsIn(INFECTION_STATUSES)
  infection: (typeof INFECTION_STATUSES)[number];
}

export class StartTransferDto {
  @ApiProperty({ type: [TransferPatientDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PATIENTS)
  @ValidateNested({ each: true })
  @Type(() => TransferPatientDto)
  patients: TransferPatientDto[];

  @ApiProperty({ format: 'date-time', description: 'The earliest time the patients can leave.' })
  @IsInstant()
  earliestDeparture: string;
}

export class CancelTransferDto {
  @ApiProperty({ enum: CANCEL_REASONS, description: 'died or recovered before departure, or other (with a comment).' })
  @IsIn(CANCEL_REASONS)
  reason: (typeof CANCEL_REASONS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsFreeText({ max: 1000 })
  comment?: string;
}

export class DeclareCapacityDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10000, description: 'Free beds of this care level the region can take transfers into.' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  beds: number;
}

export class HealthcareRegionDto {
  @ApiProperty({ enum: HEALTHCARE_REGIONS })
  @IsIn(HEALTHCARE_REGIONS)
  healthcareRegion: (typeof HEALTHCARE_REGIONS)[number];
}

export class ReportQueryDto {
  @ApiProperty({ example: '2021-02-11', description: 'First day (included), Stockholm date.' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2021-12-15', description: 'Last day (included), Stockholm date.' })
  @IsCalendarDate()
  to: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class StartReinforcementDto {
  @ApiProperty({ enum: REINFORCEMENT_CATEGORIES })
  @IsIn(REINFORCEMENT_CATEGORIES)
  category: (typeof REINFORCEMENT_CATEGORIES)[number];

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity: number;
}

export class SetPoolDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 1000000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  available: number;
}
