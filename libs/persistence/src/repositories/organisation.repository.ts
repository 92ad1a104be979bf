import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OrganisationKind } from '../../../domain/src/organisation-kinds';
import { returningRows } from '../sql';

export interface Organisation {
  code: string;
  kind: OrganisationKind;
  name: string;
  active: boolean;
}

const COLUMNS = 'code, kind, name, active';

@Injectable()
export class OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(code: string): Promise<Organisation | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM organisations WHERE code = $1`, [code]);
    return row ?? null;
  }

  list(kind?: OrganisationKind): Promise<Organisation[]> {
    return kind
      ? this.dataSource.query(`SELECT ${COLUMNS} FROM organisations WHERE kind = $1 ORDER BY code`, [kind])
      : this.dataSource.query(`SELECT ${COLUMNS} FROM organisations ORDER BY kind, code`);
  }

  /** Inserts; returns false when the code is taken. */
  async insert(org: Organisation, em: EntityManager): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO organisations (code, kind, name, active) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [org.code, org.kind, org.name, org.active],
    );
    return rows.length === 1;
  }

  async setActive(code: string, active: boolean, em: EntityManager): Promise<Organisation | null> {
    const [row] = await returningRows<Organisation>(
      em,
      `UPDATE organisations SET active = $2, updated_at = now() WHERE code = $1 RETURNING ${COLUMNS}`,
      [code, active],
    );
    return row ?? null;
  }
}
