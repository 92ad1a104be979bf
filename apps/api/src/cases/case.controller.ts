import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../common/params';
import { ListCasesQueryDto } from './case.dto';
import { CaseService } from './case.service';

@ApiTags('cases')
@Controller('cases')
export class CaseController {
  constructor(private readonly service: CaseService) {}

  @Get()
  @ApiOperation({ summary: 'Cases from the PostgreSQL projection, newest first, cursor-paginated' })
  list(@Query() query: ListCasesQueryDto) {
    return this.service.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case with its timeline' })
  get(@Param('id', uuidParam('id')) id: string) {
    return this.service.get(id);
  }
}
