import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AreaState } from '../../../contracts/src/coordination-area.contract';
import { returningRows } from '../sql';

export interface AreaCoverage {
  areaCode: string;
  areaName: string;
  status: string;
  vardcentralCode: string | null;
  pendingVardcentralCode: string | null;
  slsoContact: string | null;
  startDate: string | null;
  overdueTasks: number;
}

@Injectable()
export class AreaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every area, uncovered first (none, designated), then onboarding, handing over, active. */
  coverage(): Promise<AreaCoverage[]> {
    return this.dataSource.query(
      `SELECT a.code AS "areaCode", a.name AS "areaName", coalesce(c.status, 'none') AS status,
              c.vardcentral_code AS "vardcentralCode", c.pending_vardcentral_code AS "pendingVardcentralCode",
              c.slso_contact AS "slsoContact", to_char(c.start_date, 'YYYY-MM-DD') AS "startDate",
              (SELECT count(*)::int FROM tasks t WHERE t.case_id = a.case_id AND t.status = 'open' AND t.due_at < now()) AS "overdueTasks"
       FROM coordination_areas a LEFT JOIN area_coverage c ON c.area_code = a.code
       ORDER BY CASE coalesce(c.status, 'none') WHEN 'none' THEN 0 WHEN 'designated' THEN 1 WHEN 'onboarding' THEN 2
                WHEN 'handing_over' THEN 3 ELSE 4 END, a.code`,
    );
  }

  async find(code: string): Promise<{ code: string; name: string; caseId: string | null } | null> {
    const [row] = await this.dataSource.query(`SELECT code, name, case_id AS "caseId" FROM coordination_areas WHERE code = $1`, [code]);
    return row ?? null;
  }

  /** The area's case id: the one it has, or `proposed` if it had none (first designation). */
  async caseIdFor(code: string, proposed: string): Promise<string> {
    const [row] = await returningRows<{ case_id: string }>(
      this.dataSource,
      `UPDATE coordination_areas SET case_id = coalesce(case_id, $2) WHERE code = $1 RETURNING case_id`,
      [code, proposed],
    );
    return row.case_id;
  }

  async project(s: AreaState, em: EntityManager): Promise<void> {
    await em.query(
      `INSERT INTO area_coverage (area_code, status, vardcentral_code, pending_vardcentral_code, slso_contact, start_date, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (area_code) DO UPDATE SET status = EXCLUDED.status, vardcentral_code = EXCLUDED.vardcentral_code,
         pending_vardcentral_code = EXCLUDED.pending_vardcentral_code, slso_contact = EXCLUDED.slso_contact,
         start_date = EXCLUDED.start_date, version = EXCLUDED.version, updated_at = now()
       WHERE area_coverage.version < EXCLUDED.version`,
      [s.areaCode, s.status, s.current?.vardcentralCode ?? null, s.pending?.vardcentralCode ?? null,
        s.current?.onboarding.slsoContact?.name ?? null, s.current?.startDate ?? s.pending?.startDate ?? null, s.version],
    );
  }
}
