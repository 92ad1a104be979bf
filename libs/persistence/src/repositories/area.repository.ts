import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Raw } from 'typeorm';
import type { Area } from '../../../contracts/src/coordination-area.contract';
import { inForceOn } from '../../../domain/src/coordination/area-validity';

/** What the coverage projection needs of an area, at the version the case's step writes. */
export type AreaProjection = Pick<Area, 'areaCode' | 'status' | 'current' | 'pending'> & { version: number };
import { AreaCoverageEntity } from '../entities/area-coverage.entity';
import { CoordinationAreaEntity } from '../entities/coordination-area.entity';
import { TaskEntity } from '../entities/task.entity';

/** An area as registered: its name, validity (both ends included; null is open), successor and case. */
export interface AreaRecord {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  caseId: string | null;
}

export interface AreaCoverage {
  areaCode: string;
  areaName: string;
  validFrom: string | null;
  validTo: string | null;
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

const record = (a: CoordinationAreaEntity): AreaRecord => ({ code: a.code, name: a.name, validFrom: a.validFrom, validTo: a.validTo, successorCode: a.successorCode, caseId: a.caseId });

@Injectable()
export class AreaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every area in force on `date` (YYYY-MM-DD), uncovered first (none, designated), then onboarding, handing over,
   * active; by code within each.
   */
  coverage(date: string): Promise<AreaCoverage[]> {
    // One snapshot for the three reads, so an area's status and its overdue count agree.
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const areas = inForceOn(await em.getRepository(CoordinationAreaEntity).find(), date);
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
            validFrom: a.validFrom,
            validTo: a.validTo,
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

  async find(code: string): Promise<AreaRecord | null> {
    const area = await this.dataSource.getRepository(CoordinationAreaEntity).findOneBy({ code });
    return area ? record(area) : null;
  }

  /** The areas merged into `code`, with the vårdcentral the coverage projection says holds each now. */
  async mergedInto(code: string): Promise<(AreaRecord & { vardcentralCode: string | null })[]> {
    const areas = await this.dataSource.getRepository(CoordinationAreaEntity).find({ where: { successorCode: code }, order: { code: 'ASC' } });
    const coverage = areas.length ? await this.dataSource.getRepository(AreaCoverageEntity).findBy({ areaCode: In(areas.map((a) => a.code)) }) : [];
    return areas.map((a) => ({ ...record(a), vardcentralCode: coverage.find((c) => c.areaCode === a.code)?.vardcentralCode ?? null }));
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
