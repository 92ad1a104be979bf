import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inForceOn } from '../../../../libs/domain/src/coordination/area-validity';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import type { OrganisationKind } from '../../../../libs/domain/src/organisation-kinds';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import { Organisation, OrganisationRepository } from '../../../../libs/persistence/src/repositories/organisation.repository';
import { auditInTransaction } from '../common/audit-in-transaction';
import type { RequestContext } from '../common/request-context';
import { CreateOrganisationDto } from './organisation.dto';

@Injectable()
export class OrganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Organisations (of one kind), or only those in existence on `date`. */
  async list(kind?: OrganisationKind, date?: string): Promise<Organisation[]> {
    const all = await this.organisations.list(kind);
    return date ? inForceOn(all, date) : all;
  }

  /** The change and its audit row commit together, or neither does. */
  async create(ctx: RequestContext, dto: CreateOrganisationDto): Promise<Organisation> {
    // The register read before the commit is dropped once the change is committed, so this process sees it at once.
    return this.organisations.afterChange(this.dataSource.transaction(async (em) => {
      const org: Organisation = { code: dto.code, kind: dto.kind, name: dto.name, active: true, validFrom: null, validTo: null };
      if (!(await this.organisations.insert(org, em))) {
        throw new DomainError(DomainErrorCode.Conflict, `organisation ${dto.code} already exists`, { field: 'code' });
      }
      await auditInTransaction(this.audit, em, ctx, 'organisation.create', { code: org.code, kind: org.kind });
      return org;
    }));
  }

  setActive(ctx: RequestContext, code: string, active: boolean): Promise<Organisation> {
    return this.organisations.afterChange(this.dataSource.transaction(async (em) => {
      const org = await this.organisations.setActive(code, active, em);
      if (!org) throw new DomainError(DomainErrorCode.NotFound, `organisation ${code} not found`);
      await auditInTransaction(this.audit, em, ctx, active ? 'organisation.activate' : 'organisation.deactivate', { code });
      return org;
    }));
  }
}
