import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { CaseClosure } from './case-closure';
import { CaseWorkflows } from './case-workflows';

/** Who sees what, and requests to cases' workflows: the same for every process. */
@Global()
@Module({ providers: [AccessService, CaseWorkflows, CaseClosure], exports: [AccessService, CaseWorkflows, CaseClosure] })
export class AccessModule {}
