import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { IsCalendarDate } from '../common/validation';

const ORG = /^[A-Za-z0-9-]{2,40}$/;

export class CreateMandateDto {
  @ApiProperty({ example: 'HDIR 20348' })
  @IsString()
  @Length(1, 100)
  reference: string;

  @ApiProperty({ example: 'Operativ samordningsfunktion' })
  @IsString()
  @Length(1, 300)
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
  @Matches(ORG, { message: 'payerOrg must be an organisation code' })
  payerOrg: string;

  @ApiProperty({ example: 'SLSO' })
  @Matches(ORG, { message: 'payeeOrg must be an organisation code' })
  payeeOrg: string;

  @ApiPropertyOptional({ example: 500_000_000, description: 'Ceiling in öre; none when omitted.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  ceilingOre?: number;
}
