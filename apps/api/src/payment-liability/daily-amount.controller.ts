import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { yearParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { IsFreeText } from '../common/validation';
import { DailyAmountDto } from './daily-amount.response';
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

const YEAR = ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2018, maximum: 2100 } });

@ApiTags('payment-liability')
@ApiAuthenticated()
@Controller('payment-liability/daily-amounts')
export class DailyAmountController {
  constructor(private readonly service: DailyAmountService) {}

  @Get()
  @Roles('reference_admin', 'finance')
  @ApiOperation({ summary: "Socialstyrelsen's daily amounts per year, in öre" })
  @ApiOkResponse({ type: DailyAmountDto, isArray: true })
  list() {
    return this.service.list();
  }

  @Put(':year')
  @Roles('reference_admin')
  @Audit('daily_amount.register')
  @ApiOperation({ summary: 'Register a year’s daily amount, once (reference_admin at HSF); a wrong one is corrected, not registered again' })
  @YEAR
  @ApiOkResponse({ type: DailyAmountDto, description: 'Registered (or the same amount again: a harmless repeat).' })
  @ApiJsonBodyErrors()
  @ApiErrors(409, 503)
  register(@Ctx() ctx: RequestContext, @Param('year', yearParam()) year: number, @Body() dto: RegisterDailyAmountDto) {
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
  @YEAR
  @ApiOkResponse({ type: DailyAmountDto, description: 'The year after the correction.' })
  @ApiJsonBodyErrors()
  @ApiErrors(404, 409)
  correct(@Ctx() ctx: RequestContext, @Param('year', yearParam()) year: number, @Body() dto: CorrectDailyAmountDto) {
    return this.service.correct(ctx, year, dto.amountOre, dto.reason);
  }
}
