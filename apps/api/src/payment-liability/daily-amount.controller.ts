import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { DailyAmountService } from './daily-amount.service';

export class RegisterDailyAmountDto {
  @ApiProperty({ example: 930_000, description: 'Daily amount in öre (9 300 kr = 930000).' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountOre: number;
}

@ApiTags('payment-liability')
@ApiBearerAuth()
@Controller('payment-liability/daily-amounts')
export class DailyAmountController {
  constructor(private readonly service: DailyAmountService) {}

  @Get()
  @Roles('admin', 'finance')
  @ApiOperation({ summary: "Socialstyrelsen's daily amounts per year, in öre" })
  list() {
    return this.service.list();
  }

  @Put(':year')
  @Roles('admin')
  @Audit('daily_amount.register')
  @ApiOperation({ summary: 'Register a year’s daily amount (once: invoices are made from it)' })
  register(@Ctx() ctx: RequestContext, @Param('year', ParseIntPipe) year: number, @Body() dto: RegisterDailyAmountDto) {
    return this.service.register(ctx, year, dto.amountOre);
  }
}
