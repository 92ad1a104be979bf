import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { ApiCodeParam, codeParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { OrganisationDto } from './organisation.response';
import { CreateOrganisationDto, ListOrganisationsQueryDto } from './organisation.dto';
import { OrganisationService } from './organisation.service';

const ORG_CODE = ApiCodeParam('code', 'VC-EKERO');

@ApiTags('organisations')
@ApiAuthenticated()
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly service: OrganisationService) {}

  @Get()
  @ApiOperation({ summary: 'Organisations, optionally of one kind, or only those in existence on a date' })
  @ApiOkResponse({ type: OrganisationDto, isArray: true })
  @ApiErrors(400)
  list(@Query() query: ListOrganisationsQueryDto) {
    return this.service.list(query.kind, query.date);
  }

  @Post()
  @Roles('register_admin')
  @Audit('organisation.create')
  @ApiOperation({ summary: 'Register an organisation (register_admin at HSF)' })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiJsonBodyErrors()
  @ApiErrors(409)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateOrganisationDto) {
    return this.service.create(ctx, dto);
  }

  @Post(':code/deactivate')
  @HttpCode(200)
  @Roles('register_admin')
  @Audit('organisation.deactivate')
  @ApiOperation({ summary: 'Deactivate an organisation: its people can no longer act (register_admin at HSF)' })
  @ORG_CODE
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(400, 404)
  deactivate(@Ctx() ctx: RequestContext, @Param('code', codeParam('code')) code: string) {
    return this.service.setActive(ctx, code, false);
  }

  @Post(':code/activate')
  @HttpCode(200)
  @Roles('register_admin')
  @Audit('organisation.activate')
  @ApiOperation({ summary: 'Activate an organisation again (register_admin at HSF)' })
  @ORG_CODE
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(400, 404)
  activate(@Ctx() ctx: RequestContext, @Param('code', codeParam('code')) code: string) {
    return this.service.setActive(ctx, code, true);
  }
}
