import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../../libs/auth/src/principal';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import { Mandate, MandateRepository } from '../../../../libs/persistence/src/repositories/mandate.repository';
import { OrganisationRepository } from '../../../../libs/persistence/src/repositories/organisation.repository';
import { auditInTransaction } from '../common/audit-in-transaction';
import type { RequestContext } from '../common/request-context';
import { MANDATE_READERS } from '../access/need-to-know';
import { CreateMandateDto } from './mandate.dto';

@Injectable()
export class MandateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mandates: MandateRepository,
    private readonly organisations: OrganisationRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** All mandates for the register's keeper; for anyone else those their organisation is party to, by need to know. */
  async list(p: Principal): Promise<Mandate[]> {
    const all = await this.mandates.list();
    if (p.roles.includes('register_admin')) return all;
    if (!MANDATE_READERS.some((r) => p.roles.includes(r))) return [];
    return all.filter((m) => mandateParties(m).includes(p.organisationCode));
  }

  async create(ctx: RequestContext, dto: CreateMandateDto): Promise<Mandate> {
    if (dto.validTo < dto.validFrom) throw new DomainError(DomainErrorCode.InvalidInput, 'validTo is before validFrom', { field: 'validTo' });
    for (const field of ['payerOrg', 'payeeOrg'] as const) {
      const org = await this.organisations.find(dto[field]);
      if (!org?.active) throw new DomainError(DomainErrorCode.UnknownOrganisation, `${field} ${dto[field]} is not an active organisation`, { field });
    }
    return this.dataSource.transaction(async (em) => {
      const created = await this.mandates.insert({ ...dto, ceilingOre: dto.ceilingOre ?? null }, em);
      if (!created) throw new DomainError(DomainErrorCode.Conflict, `mandate ${dto.reference} already exists`, { field: 'reference' });
      await auditInTransaction(this.audit, em, ctx, 'mandate.create', { reference: dto.reference, ceilingOre: dto.ceilingOre ?? null });
      return created;
    });
  }

  /** Claimed, approved, paid and outstanding, per category and in total; for the mandate's parties. */
  async summary(p: Principal, id: string) {
    const mandate = await this.mandates.find(id);
    const keeper = p.roles.includes('register_admin');
    if (!mandate || !(keeper || mandateParties(mandate).includes(p.organisationCode))) throw new DomainError(DomainErrorCode.NotFound, `mandate ${id} not found`);
    if (!keeper && !MANDATE_READERS.some((r) => p.roles.includes(r))) {
      throw new DomainError(DomainErrorCode.Forbidden, `reading a mandate needs the role ${MANDATE_READERS.join(' or ')}`);
    }
    const categories = await this.mandates.figures(id);
    const sum = (k: 'claimedOre' | 'approvedOre' | 'paidOre' | 'outstandingOre') => categories.reduce((n, c) => n + c[k], 0);
    return {
      mandate,
      total: { claimedOre: sum('claimedOre'), approvedOre: sum('approvedOre'), paidOre: sum('paidOre'), outstandingOre: sum('outstandingOre') },
      categories,
      ceilingRemainingOre: mandate.ceilingOre === null ? null : mandate.ceilingOre - sum('approvedOre'),
    };
  }
}

/** Who is party to a mandate: its payer, its payee, and HSF's finance unit that pays and accounts for it. */
const mandateParties = (m: Mandate) => [m.payerOrg, m.payeeOrg, 'HSF-FIN'];
