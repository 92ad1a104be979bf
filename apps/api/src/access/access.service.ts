import { Injectable } from '@nestjs/common';
import type { Principal, Role } from '../../../../libs/auth/src/principal';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import type { CaseEntity } from '../../../../libs/persistence/src/entities/case.entity';
import { CaseRepository } from '../../../../libs/persistence/src/repositories/case.repository';
import { TaskRepository, TaskRow } from '../../../../libs/persistence/src/repositories/task.repository';
import type { RequestContext } from '../common/request-context';
import { readableCaseTypes, readersOf, SITUATION_REPORTS } from './need-to-know';
import type { ReportRemit } from '../../../../libs/persistence/src/repositories/situation-report.repository';
import { countyOfBoard } from '../../../../libs/domain/src/situation-reports/county';

/**
 * The one place that decides who sees what. A case exists for the organisations that are party to it, as its
 * workflow last projected them (organisations that joined later included); for anyone else it does not exist
 * (404). Within a party, only the roles with a need to know read it (NEED_TO_KNOW), and a person without the
 * role an action needs gets 403. A task exists for the people of its organisation who hold its role.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly tasks: TaskRepository,
  ) {}

  /**
   * The case, for a party of it (and of `caseType`, when given) holding a role with a need to know; notes the case
   * on the request's audit row.
   */
  async requireCase(ctx: RequestContext, caseId: string, opts: { caseType?: string; what?: string } = {}): Promise<CaseEntity> {
    ctx.audit.caseId = caseId;
    const found = await this.cases.findById(caseId);
    if (!found || !this.isParty(ctx.principal, found) || (opts.caseType && found.caseType !== opts.caseType)) {
      throw new DomainError(DomainErrorCode.NotFound, `${opts.what ?? 'case'} ${caseId} not found`);
    }
    const readers = readersOf(found.caseType);
    const granting = readers.filter((r) => ctx.principal.roles.includes(r));
    if (granting.length === 0) {
      throw new DomainError(DomainErrorCode.Forbidden, `reading this ${opts.what ?? 'case'} needs the role ${readers.join(' or ')}`);
    }
    ctx.audit.grantedBy = granting;
    return found;
  }

  /** The case types `p` may see in lists: those their roles have a need to know. */
  readableCaseTypes(p: Principal): string[] {
    return readableCaseTypes(p.roles);
  }

  isParty(p: Principal, c: Pick<CaseEntity, 'parties'>): boolean {
    return c.parties.includes(p.organisationCode);
  }

  /** The task, for a person of its organisation holding its role; notes it on the request's audit row. */
  async requireTask(ctx: RequestContext, taskId: string): Promise<TaskRow> {
    const task = await this.tasks.find(taskId);
    if (!this.mayWorkOn(ctx.principal, task)) throw new DomainError(DomainErrorCode.NotFound, `task ${taskId} not found`);
    this.noteTask(ctx, task);
    return task;
  }

  /** Notes a task the caller may work on on the request's audit row: its case, itself, and the role that gave it. */
  noteTask(ctx: RequestContext, task: TaskRow): void {
    ctx.audit.caseId = task.caseId;
    ctx.audit.taskId = task.id;
    ctx.audit.grantedBy = [task.requiredRole as Role];
  }

  /** A task exists for a person only if it is assigned to their organisation and they hold its role. */
  mayWorkOn(p: Principal, t: TaskRow | null): t is TaskRow {
    return !!t && t.assignedOrg === p.organisationCode && p.roles.includes(t.requiredRole as Role);
  }

  // ---- situation reports (SITUATION_REPORTS) -------------------------------------------------------------

  /**
   * Whose raw reports `p` reads (null: rounds and pictures only), or a 403 without a reading role; organisations
   * of no reading kind get 404 (`what`), as if no round existed.
   */
  situationRemit(p: Principal, what = 'situation-report round'): { scope: 'all' | 'county' | 'own' | 'none'; remit: ReportRemit | null } {
    const scope = SITUATION_REPORTS.remit[p.organisationKind];
    if (!scope) throw new DomainError(DomainErrorCode.NotFound, `${what} not found`);
    if (!SITUATION_REPORTS.readers.some((r) => p.roles.includes(r))) {
      throw new DomainError(DomainErrorCode.Forbidden, `reading situation reports needs the role ${SITUATION_REPORTS.readers.join(' or ')}`);
    }
    if (scope === 'all') return { scope, remit: { all: true } };
    if (scope === 'county') {
      const county = countyOfBoard(p.organisationCode);
      return { scope, remit: county ? { county } : null };
    }
    if (scope === 'own') return { scope, remit: { organisationCode: p.organisationCode } };
    return { scope, remit: null };
  }

  /** A round `p` may see: reporters only the rounds they report in. Notes the round on the request's audit row. */
  requireSituationRound<R extends { participants: { organisationCode: string }[] }>(ctx: RequestContext, roundId: string, round: R | null): R {
    ctx.audit.caseId = roundId;
    const { scope } = this.situationRemit(ctx.principal);
    if (!round || (scope === 'own' && !round.participants.some((x) => x.organisationCode === ctx.principal.organisationCode))) {
      throw new DomainError(DomainErrorCode.NotFound, `situation-report round ${roundId} not found`);
    }
    ctx.audit.grantedBy = SITUATION_REPORTS.readers.filter((r) => ctx.principal.roles.includes(r));
    return round;
  }

  /** Whether `p`'s remit covers an organisation's raw report in a county. */
  coversReport(remit: ReportRemit | null, report: { organisationCode: string; county: string }): boolean {
    if (!remit) return false;
    if ('all' in remit) return true;
    if ('county' in remit) return remit.county === report.county;
    return remit.organisationCode === report.organisationCode;
  }
}

