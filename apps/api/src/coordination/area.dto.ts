import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate, IsCode, ORGANISATION_CODE } from '../common/validation';

export class DesignateCoordinatorDto {
  @ApiProperty({ example: 'VC-EKERO' })
  @IsCode(ORGANISATION_CODE)
  vardcentralCode: string;

  @ApiProperty({ example: '2021-02-01', description: 'Not before 1 February 2021.' })
  @IsCalendarDate()
  startDate: string;
}
