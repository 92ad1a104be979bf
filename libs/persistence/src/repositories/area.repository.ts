import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Raw } from 'typeorm';
import type { Area } from '../../../contracts/src/coordination-area.contract';

/** What the coverage projection needs of an area, at the version the case's step writes. */
export type AreaProjection = Pick<Area, 'areaCode' | 'status' | 'current' | 'pending'> & { version: number };
import { AreaCoverageEntity } from '../entities/area-coverage.entity';
import { CoordinationAreaEntity } from '../entities/coordination-area.entity';
import { TaskEntity } from '../entities/task.entity';

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

/** Uncovered first (none, designated), then onboarding, handing over, and active (or anything else) last. */
const STATUS_RANK: Record<string, number> = { none: 0, designated: 1, onboarding: 2, handing_over: 3 };
const rank = (status: string) => STATUS_RANK[status] ?? 4;
/** Byte order, as PostgreSQL's C collation sorts the (ASCII) codes. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

@Injectable()
export class AreaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every area, uncovered first (none, designated), then onboarding, handing over, active; by code within each. */
  coverage(): Promise<AreaCoverage[]> {
    // One snapshot for the three reads, so an area's status and its overdue count agree.
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const areas = await em.getRepository(CoordinationAreaEntity).find();
      const coverage = new Map((await em.getRepository(AreaCoverageEntity).find()).map((c) => [c.areaCode, c]));
      const caseIds = areas.flatMap((a) => (a.caseId ? [a.caseId] : []));
      const overdue = new Map<string, number>();
      if (caseIds.length > 0) {
        const tasks = await em.getRepository(TaskEntity).find({
          select: { id: true, caseId: true },
          where: { caseId: In(caseIds), status: 'open', dueAt: Raw((column) => `${column} < now()`) },
        });
        for (const t of tasks) overdue.set(t.caseId, (overdue.get(t.caseId) ?? 0) + 1);
      }
      return areas
        .map((a): AreaCoverage => {
          const c = coverage.get(a.code);
          return {
            areaCode: a.code,
            areaName: a.name,
            status: c?.status ?? 'none',
            vardcentralCode: c?.vardcentralCode ?? null,
            pendingVardcentralCode: c?.pendingVardcentralCode ?? null,
            slsoContact: c?.slsoContact ?? null,
            startDate: c?.startDate ?? null,
            overdueTasks: a.caseId ? (overdue.get(a.caseId) ?? 0) : 0,
          };
        })
        .sort((x, y) => rank(x.status) - rank(y.status) || byCode(x.areaCode, y.areaCode));
    });
  }

  async find(code: string): Promise<{ code: string; name: string; caseId: string | null } | null> {
    const area = await this.dataSource.getRepository(CoordinationAreaEntity).findOneBy({ code });
    return area ? { code: area.code, name: area.name, caseId: area.caseId } : null;
  }

  /** The area's case id: the one it has, or `proposed` if it had none (first designation). */
  async caseIdFor(code: string, proposed: string, em: EntityManager = this.dataSource.manager): Promise<string> {
    // Only a first designation sets it; a concurrent one waits for the row lock and then finds it set.
    await em
      .createQueryBuilder()
      .update(CoordinationAreaEntity)
      .set({ caseId: proposed })
      .where({ code })
      .andWhere('case_id IS NULL')
      .execute();
    const area = await em.getRepository(CoordinationAreaEntity).findOneByOrFail({ code });
    if (!area.caseId) throw new Error(`area ${code} has no case id after setting it`);
    return area.caseId;
  }

  /** Writes the area's coverage; a version older than the stored one (a late or retried activity) changes nothing. */
  async project(s: AreaProjection, em: EntityManager): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(AreaCoverageEntity)
      .values({
        areaCode: s.areaCode,
        status: s.status,
        vardcentralCode: s.current?.vardcentralCode ?? null,
        pendingVardcentralCode: s.pending?.vardcentralCode ?? null,
        slsoContact: s.current?.onboarding.slsoContact?.name ?? null,
        startDate: s.current?.startDate ?? s.pending?.startDate ?? null,
        version: s.version,
      })
      .orUpdate(
        ['status', 'vardcentral_code', 'pending_vardcentral_code', 'slso_contact', 'start_date', 'version'],
        ['area_code'],
        { overwriteCondition: { where: 'area_coverage.version < EXCLUDED.version' } },
      )
      .updateEntity(false)
      .execute();
  }
}
