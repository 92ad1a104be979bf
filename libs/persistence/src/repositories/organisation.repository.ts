import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OrganisationKind } from '../../../domain/src/organisation-kinds';
import { OrganisationEntity } from '../entities/organisation.entity';
import { rowsWritten } from '../write-result';

export interface Organisation {
  code: string;
  kind: OrganisationKind;
  name: string;
  active: boolean;
  /** Dated organisations (Stockholm's districts): first and last day, both included; null is open. */
  validFrom: string | null;
  validTo: string | null;
}

/**
 * How long a process reuses the register it read (every request checks its caller's organisation, so this is the
 * hottest read there is). A change made through this process is seen once it is committed (see afterChange); one
 * made through another API process within this time. The register is small (about 70 organisations), so it is read whole.
 */
export const ORGANISATION_REGISTER_TTL_MS = 2_000;

@Injectable()
export class OrganisationRepository {
  private register?: { readAt: number; byCode: Promise<Map<string, Organisation>> };

  constructor(private readonly dataSource: DataSource) {}

  find(code: string): Promise<Organisation | null> {
    return this.current().then((byCode) => byCode.get(code) ?? null);
  }

  /** Several organisations in one read, by code (those that exist). */
  async findMany(codes: string[]): Promise<Map<string, Organisation>> {
    const byCode = await this.current();
    return new Map(codes.flatMap((code) => (byCode.has(code) ? [[code, byCode.get(code) as Organisation] as const] : [])));
  }

  /**
   * Drops the register this process read once `change` (a transaction that changes organisations) has settled:
   * dropping it before the commit would let a request in between read the old rows again and keep them.
   */
  async afterChange<T>(change: Promise<T>): Promise<T> {
    try {
      return await change;
    } finally {
      this.register = undefined;
    }
  }

  private current(): Promise<Map<string, Organisation>> {
    const now = Date.now();
    if (!this.register || now - this.register.readAt > ORGANISATION_REGISTER_TTL_MS) {
      const byCode = this.dataSource
        .getRepository(OrganisationEntity)
        .find()
        .then((rows) => new Map(rows.map((o) => [o.code, { code: o.code, kind: o.kind, name: o.name, active: o.active, validFrom: o.validFrom, validTo: o.validTo }])));
      this.register = { readAt: now, byCode };
      byCode.catch(() => (this.register = undefined)); // a failed read is not reused
    }
    return this.register.byCode;
  }

  list(kind?: OrganisationKind): Promise<Organisation[]> {
    const organisations = this.dataSource.getRepository(OrganisationEntity);
    return kind
      ? organisations.find({ where: { kind }, order: { code: 'ASC' } })
      : organisations.find({ order: { kind: 'ASC', code: 'ASC' } });
  }

  /** Inserts; returns false when the code is taken. */
  async insert(org: Organisation, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(OrganisationEntity)
      .values({ code: org.code, kind: org.kind, name: org.name, active: org.active, validFrom: org.validFrom, validTo: org.validTo })
      .orIgnore()
      .returning(['code'])
      .updateEntity(false)
      .execute();
    return rowsWritten(result) === 1;
  }

  async setActive(code: string, active: boolean, em: EntityManager): Promise<Organisation | null> {
    // updated_at is set by the update itself (OrganisationEntity.updatedAt).
    const result = await em.createQueryBuilder().update(OrganisationEntity).set({ active }).where({ code }).execute();
    if (!result.affected) return null;
    return em.getRepository(OrganisationEntity).findOneBy({ code });
  }
}
