import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { IsFreeText } from '../common/validation';
import { DailyAmountService } from './daily-amount.service';

export class RegisterDailyAmountDto {
  @ApiProperty({ example: 930_000, description: 'Daily amount in öre (9 300 kr = 930000).', minimum: 1, maximum: 100_000_000 })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountOre: number;
}

export class CorrectDailyAmountDto extends RegisterDailyAmountDto {
  @ApiProperty({ example: 'Fel belopp registrerat: Socialstyrelsens beslut anger 9 300 kr' })
  @IsFreeText({ max: 500 })
  reason: string;
}

@ApiTags('payment-liability')
@ApiBearerAuth()
@Controller('payment-liability/daily-amounts')
export class DailyAmountController {
  constructor(private readonly service: DailyAmountService) {}

  @Get()
  @Roles('reference_admin', 'finance')
  @ApiOperation({ summary: "Socialstyrelsen's daily amounts per year, in öre" })
  list() {
    return this.service.list();
  }

  @Put(':year')
  @Roles('reference_admin')
  @Audit('daily_amount.register')
  @ApiOperation({ summary: 'Register a year’s daily amount, once (reference_admin at HSF); a wrong one is corrected, not registered again' })
  register(@Ctx() ctx: RequestContext, @Param('year', ParseIntPipe) year: number, @Body() dto: RegisterDailyAmountDto) {
    return this.service.register(ctx, year, dto.amountOre);
  }

  @Post(':year/corrections')
  @HttpCode(200)
  @Roles('reference_admin')
  @Audit('daily_amount.correct')
  @ApiOperation({
    summary:
      'Correct a registered year’s daily amount, with a reason (reference_admin at HSF). Audited with the old and new amount; invoice bases made before keep the amount they were made with',
  })
  correct(@Ctx() ctx: RequestContext, @Param('year', ParseIntPipe) year: number, @Body() dto: CorrectDailyAmountDto) {
    return this.service.correct(ctx, year, dto.amountOre, dto.reason);
  }
}
