import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { ApiUuidParam, uuidParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { CompleteTaskDto, ListTasksQueryDto } from './task.dto';
import { TaskCompletionDto, TaskCountDto, TaskDetailDto, TaskPageDto } from './task.response';
import { TaskService } from './task.service';

@ApiTags('tasks')
@ApiAuthenticated()
@Controller('tasks')
export class TaskController {
  constructor(private readonly service: TaskService) {}

  @Get()
  @ApiOperation({ summary: "The caller's inbox: tasks of their organisation and roles, due first, cursor-paginated" })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiErrors(400)
  inbox(@CurrentPrincipal() principal: Principal, @Query() query: ListTasksQueryDto) {
    return this.service.inbox(principal, query);
  }

  @Get('count')
  @ApiOperation({ summary: "How many open tasks the caller's inbox holds (and how many are overdue): cheap to poll" })
  @ApiOkResponse({ type: TaskCountDto })
  count(@CurrentPrincipal() principal: Principal) {
    return this.service.count(principal);
  }

  @Get(':taskId')
  @Audit('task.read')
  @ApiOperation({ summary: 'One task with the data the person needs and the answer it expects' })
  @ApiUuidParam('taskId')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404)
  get(@Ctx() ctx: RequestContext, @Param('taskId', uuidParam('taskId')) taskId: string) {
    return this.service.get(ctx, taskId);
  }

  @Post(':taskId/claim')
  @HttpCode(200)
  @Audit('task.claim')
  @ApiOperation({ summary: 'Claim the task: others see who works on it' })
  @ApiUuidParam('taskId')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404, 409)
  claim(@Ctx() ctx: RequestContext, @Param('taskId', uuidParam('taskId')) taskId: string) {
    return this.service.claim(ctx, taskId);
  }

  @Post(':taskId/unclaim')
  @HttpCode(200)
  @Audit('task.unclaim')
  @ApiOperation({ summary: 'Release the task (the claimer, or a coordinator)' })
  @ApiUuidParam('taskId')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404, 409)
  unclaim(@Ctx() ctx: RequestContext, @Param('taskId', uuidParam('taskId')) taskId: string) {
    return this.service.unclaim(ctx, taskId);
  }

  @Post(':taskId/complete')
  @HttpCode(200)
  @Audit('task.complete')
  @ApiOperation({ summary: 'Answer the task; the workflow may refuse (409 state, 422 answer) and then nothing changes' })
  @ApiUuidParam('taskId')
  @ApiOkResponse({ type: TaskCompletionDto })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  complete(@Ctx() ctx: RequestContext, @Param('taskId', uuidParam('taskId')) taskId: string, @Body() dto: CompleteTaskDto) {
    return this.service.complete(ctx, taskId, dto);
  }
}
