import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { OrganisationKind } from '../../../domain/src/organisation-kinds';
import { OrganisationEntity } from '../entities/organisation.entity';
import { rowsWritten } from '../write-result';

export interface Organisation {
  code: string;
  kind: OrganisationKind;
  name: string;
  active: boolean;
}

@Injectable()
export class OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(code: string): Promise<Organisation | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOneBy({ code });
  }

  /** Several organisations in one read, by code (those that exist). */
  async findMany(codes: string[]): Promise<Map<string, Organisation>> {
    const found = await this.dataSource.getRepository(OrganisationEntity).findBy({ code: In([...new Set(codes)]) });
    return new Map(found.map((o) => [o.code, o]));
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
      .values({ code: org.code, kind: org.kind, name: org.name, active: org.active })
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
