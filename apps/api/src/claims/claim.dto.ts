import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { COST_CATEGORIES, CostCategory } from '../../../../libs/contracts/src/reimbursement-claim.contract';
import { CLAIM_STATUSES, ClaimStatus } from '../../../../libs/domain/src/reimbursement/claim.types';
import { PageQueryDto } from '../common/page-query.dto';
import { IsCalendarDate, IsFreeText, IsPlainText } from '../common/validation';

export class CostLineDto {
  @ApiProperty({ example: '2020-11-16' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ enum: COST_CATEGORIES })
  @IsIn(COST_CATEGORIES)
  category: CostCategory;

  @ApiProperty({ example: 'Samordnare, 40 timmar' })
  @IsFreeText({ max: 500 })
  description: string;

  @ApiProperty({ example: 4_200_000, description: 'Positive integer öre (42 000 kr = 4200000).' })
  @IsInt({ message: 'amountOre must be an integer number of öre' })
  @Min(1)
  @Max(100_000_000_000)
  amountOre: number;

  @ApiProperty({ example: 'SLSO-UND-2020-117', description: 'Reference to the supporting document (underlag).' })
  @IsPlainText({ max: 200 })
  documentRef: string;
}

export class ClaimContentDto {
  @ApiProperty({ example: '2020-11-02' })
  @IsCalendarDate()
  periodFrom: string;

  @ApiProperty({ example: '2020-11-30' })
  @IsCalendarDate()
  periodTo: string;

  @ApiProperty({ type: [CostLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CostLineDto)
  lines: CostLineDto[];
}

export class StartClaimDto extends ClaimContentDto {
  @ApiProperty({ format: 'uuid', description: 'The mandate the costs are claimed under (e.g. HDIR 20348).' })
  @IsUUID('all', { message: 'mandateId must be a UUID' })
  mandateId: string;
}

export class WithdrawClaimDto {
  @ApiProperty({ example: 'Felaktigt underlag' })
  @IsFreeText({ max: 500 })
  reason: string;
}

export class ListClaimsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'claims-cursor', description: 'The nextCursor of a previous page of /claims; any other value is a 400.' })
  declare cursor?: string;

  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CLAIM_STATUSES)
  status?: ClaimStatus;
}
