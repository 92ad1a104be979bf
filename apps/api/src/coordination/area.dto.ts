import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsCalendarDate } from '../common/validation';

export class DesignateCoordinatorDto {
  @ApiProperty({ example: 'VC-EKERO' })
  @Matches(/^[A-Za-z0-9-]{2,40}$/, { message: 'vardcentralCode must be an organisation code' })
  vardcentralCode: string;

  @ApiProperty({ example: '2021-02-01', description: 'Not before 1 February 2021.' })
  @IsCalendarDate()
  startDate: string;
}
