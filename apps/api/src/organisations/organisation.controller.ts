import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { codeParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { CreateOrganisationDto, ListOrganisationsQueryDto } from './organisation.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly service: OrganisationService) {}

  @Get()
  @ApiOperation({ summary: 'Organisations, optionally of one kind, or only those in existence on a date' })
  list(@Query() query: ListOrganisationsQueryDto) {
    return this.service.list(query.kind, query.date);
  }

  @Post()
  @Roles('register_admin')
  @Audit('organisation.create')
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateOrganisationDto) {
    return this.service.create(ctx, dto);
  }

  @Post(':code/deactivate')
  @HttpCode(200)
  @Roles('register_admin')
  @Audit('organisation.deactivate')
  deactivate(@Ctx() ctx: RequestContext, @Param('code', codeParam('code')) code: string) {
    return this.service.setActive(ctx, code, false);
  }

  @Post(':code/activate')
  @HttpCode(200)
  @Roles('register_admin')
  @Audit('organisation.activate')
  activate(@Ctx() ctx: RequestContext, @Param('code', codeParam('code')) code: string) {
    return this.service.setActive(ctx, code, true);
  }
}
