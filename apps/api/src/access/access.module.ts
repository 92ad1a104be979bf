import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { CaseClosure } from './case-closure';
import { WorkerPresence } from '../../../../libs/temporal/src/worker-presence';
import { CaseWorkflows } from './case-workflows';

/** Who sees what, and requests to cases' workflows: the same for every process. */
@Global()
@Module({ providers: [AccessService, CaseWorkflows, CaseClosure, WorkerPresence], exports: [AccessService, CaseWorkflows, CaseClosure, WorkerPresence] })
export class AccessModule {}
