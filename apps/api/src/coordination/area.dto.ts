import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate, IsCode, ORGANISATION_CODE } from '../common/validation';

export class CoverageQueryDto {
  @ApiProperty({ required: false, example: '2023-06-30', description: 'The areas in force on this date (default: today, Stockholm date).' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class DesignateCoordinatorDto {
  @ApiProperty({ example: 'VC-EKERO' })
  @IsCode(ORGANISATION_CODE)
  vardcentralCode: string;

  @ApiProperty({ example: '2021-02-01', description: 'Not before 1 February 2021.' })
  @IsCalendarDate()
  startDate: string;
}
