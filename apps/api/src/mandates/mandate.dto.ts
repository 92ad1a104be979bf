import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate, IsCode, IsPlainText, ORGANISATION_CODE } from '../common/validation';

export class CreateMandateDto {
  @ApiProperty({ example: 'HDIR 20348' })
  @IsPlainText({ max: 100 })
  reference: string;

  @ApiProperty({ example: 'Operativ samordningsfunktion' })
  @IsPlainText({ max: 300 })
  title: string;

  @ApiProperty({ example: '2020-11-02' })
  @IsCalendarDate()
  decidedOn: string;

  @ApiProperty({ example: '2020-11-02' })
  @IsCalendarDate()
  validFrom: string;

  @ApiProperty({ example: '2021-01-31' })
  @IsCalendarDate()
  validTo: string;

  @ApiProperty({ example: 'HSF' })
  @IsCode(ORGANISATION_CODE)
  payerOrg: string;

  @ApiProperty({ example: 'SLSO' })
  @IsCode(ORGANISATION_CODE)
  payeeOrg: string;

  @ApiPropertyOptional({ example: 500_000_000, description: 'Ceiling in öre; none when omitted.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  ceilingOre?: number;
}
