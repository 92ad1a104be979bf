import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { uuidParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { CompleteTaskDto, ListTasksQueryDto } from './task.dto';
import { TaskService } from './task.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TaskController {
  constructor(private readonly service: TaskService) {}

  @Get()
  @ApiOperation({ summary: "The caller's inbox: tasks of their organisation and roles, due first, cursor-paginated" })
  inbox(@CurrentPrincipal() principal: Principal, @Query() query: ListTasksQueryDto) {
    return this.service.inbox(principal, query);
  }

  @Get(':taskId')
  @Audit('task.read')
  @ApiOperation({ summary: 'One task with the data the person needs and the answer it expects' })
  get(@Ctx() ctx: RequestContext, @Param('taskId', uuidParam('taskId')) taskId: string) {
    return this.service.get(ctx, taskId);
  }

  @Post(':taskId/claim')
  @HttpCode(200)
  @Audit('task.claim')
  claim(@Ctx() ctx: RequestContext, @Param('taskId', uuidParam('taskId')) taskId: string) {
    return this.service.claim(ctx, taskId);
  }

  @Post(':taskId/unclaim')
  @HttpCode(200)
  @Audit('task.unclaim')
  unclaim(@Ctx() ctx: RequestContext, @Param('taskId', uuidParam('taskId')) taskId: string) {
    return this.service.unclaim(ctx, taskId);
  }

  @Post(':taskId/complete')
  @HttpCode(200)
  @Audit('task.complete')
  @ApiOperation({ summary: 'Answer the task; the workflow may refuse (409 state, 422 answer) and then nothing changes' })
  complete(@Ctx() ctx: RequestContext, @Param('taskId', uuidParam('taskId')) taskId: string, @Body() dto: CompleteTaskDto) {
    return this.service.complete(ctx, taskId, dto);
  }
}
