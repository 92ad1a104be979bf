import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CaseSnapshot } from '../../../contracts/src/case-projection.contract';
import type { CaseStep } from '../../../contracts/src/case-runtime.contract';
import { CaseEventEntity } from '../entities/case-event.entity';
import { CaseEntity } from '../entities/case.entity';
import { jsonb } from '../entities/jsonb';
import { CURSORS, decodeCursor, encodeCursor, Page } from '../pagination';

/** Seven parameters an event: well under PostgreSQL's 65,535 per statement. */
const EVENTS_PER_INSERT = 1_000;

export interface CaseListFilter {
  /** Only cases this organisation is a party to. */
  partyOrg: string;
  /** Only cases of these types (those the caller's roles have a need to know). */
  readableTypes: string[];
  caseType?: string;
  status?: string;
  limit: number;
  cursor?: string;
}

@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes a workflow's snapshot. Idempotent and order-safe: an activity retried, or delivered after a
   * newer one, never overwrites a newer version, and events already stored are kept as they are. Runs in `em`'s
   * transaction, or in one of its own.
   */
  async upsertSnapshot(s: CaseSnapshot, em?: EntityManager): Promise<void> {
    if (!em) return this.dataSource.transaction((tx) => this.upsertSnapshot(s, tx));
    await em
      .createQueryBuilder()
      .insert()
      .into(CaseEntity)
      .values({
        id: s.caseId,
        caseType: s.caseType,
        workflowId: s.workflowId,
        status: s.status,
        parties: s.parties,
        version: s.version,
        summary: jsonb(s.summary),
      })
      .orUpdate(['status', 'parties', 'version', 'summary'], ['id'], {
        overwriteCondition: { where: 'cases.version < EXCLUDED.version' },
      })
      .updateEntity(false)
      .execute();
    await this.insertEvents(s.caseId, s.events, em);
  }

  /**
   * A step of the case runtime: the case row, when this step's version is newer than the stored one, and the
   * step's new timeline events. 'written' when it wrote them; 'retry' when the same chain wrote this version
   * before (a retried step: nothing of it may be written again). Another chain's version at or past this one is a
   * clash (a workflow restarted or reset over a case it did not take over) and throws: it must not pass for a
   * retry, or the step would be lost without a trace. Concurrent attempts of one step serialise on the row.
   */
  async writeStep(step: CaseStep, em: EntityManager): Promise<'written' | 'retry'> {
    const p = step.projection;
    const written = await em
      .createQueryBuilder()
      .insert()
      .into(CaseEntity)
      .values({
        id: step.caseId,
        caseType: step.caseType,
        workflowId: step.workflowId,
        status: p.status,
        parties: p.parties,
        version: p.version,
        summary: jsonb(p.summary),
        waitingFor: p.waitingFor,
        runChain: step.runChain,
      })
      .orUpdate(['status', 'parties', 'version', 'summary', 'waiting_for', 'run_chain'], ['id'], {
        overwriteCondition: { where: 'cases.version < EXCLUDED.version' },
      })
      .returning(['id'])
      .updateEntity(false)
      .execute();
    if (written.raw.length === 0) {
      const stored = await em.getRepository(CaseEntity).findOne({ select: { version: true, runChain: true }, where: { id: step.caseId } });
      if (stored?.runChain === step.runChain) return 'retry';
      throw new Error(
        `case ${step.caseId}: version ${stored?.version} was written by another run of its workflow (${stored?.runChain ?? 'a legacy run'}); ` +
          `this run (${step.runChain}) writes version ${p.version}. A run that takes a case over must start from its projection.`,
      );
    }
    if (p.waitingFor.what === 'nothing') await this.markClosed(step.caseId, em);
    await this.insertEvents(step.caseId, p.events, em);
    return 'written';
  }

  /** Where the case's projection stands (its version and last timeline seq), or null when there is none. */
  async projected(caseId: string): Promise<{ version: number; lastSeq: number } | null> {
    const found = await this.dataSource.getRepository(CaseEntity).findOne({ select: { version: true }, where: { id: caseId } });
    if (!found) return null;
    const last = await this.dataSource.getRepository(CaseEventEntity).findOne({ select: { seq: true }, where: { caseId }, order: { seq: 'DESC' } });
    return { version: found.version, lastSeq: last?.seq ?? 0 };
  }

  /** The case's workflow ended without closing it (terminated, timed out): it waits for nothing any more. */
  async markWaitingForNothing(caseId: string, description: string, em: EntityManager): Promise<void> {
    await em
      .createQueryBuilder()
      .update(CaseEntity)
      .set({ waitingFor: { what: 'nothing', description, until: null } })
      .where({ id: caseId })
      .execute();
    await this.markClosed(caseId, em);
  }

  /** The case ended now, unless it had ended before: the retention of its patient data counts from here. */
  private async markClosed(caseId: string, em: EntityManager): Promise<void> {
    await em.query(`UPDATE cases SET closed_at = now() WHERE id = $1 AND closed_at IS NULL`, [caseId]);
  }

  /** Timeline events, keyed by (case, seq): an event already stored is kept as it is. */
  private async insertEvents(caseId: string, events: CaseSnapshot['events'], em: EntityManager): Promise<void> {
    for (let i = 0; i < events.length; i += EVENTS_PER_INSERT) {
      await em
        .createQueryBuilder()
        .insert()
        .into(CaseEventEntity)
        .values(
          events.slice(i, i + EVENTS_PER_INSERT).map((e) => ({
            caseId,
            seq: e.seq,
            at: new Date(e.at),
            actor: e.actor,
            organisationCode: e.organisationCode,
            type: e.type,
            detail: jsonb(e.detail ?? null),
          })),
        )
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
  }

  findById(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOneBy({ id });
  }

  timeline(caseId: string): Promise<CaseEventEntity[]> {
    return this.dataSource.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
  }

  /** Newest first, keyset-paginated on (created_at, id) so pages stay stable while cases are added. */
  /**
   * The ids of a patient's cases, by the personnummer's blind index (`cases.patient_index`), oldest first;
   * with `partyOrg`, only the cases that organisation is party to.
   */
  async idsOfPatient(patientIndex: string, partyOrg?: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM cases WHERE patient_index = $1 AND ($2::text IS NULL OR $2 = ANY(parties)) ORDER BY created_at, id`,
      [patientIndex, partyOrg ?? null],
    );
    return rows.map((r) => r.id);
  }

  async list(filter: CaseListFilter): Promise<Page<CaseEntity>> {
    const qb = this.dataSource
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(filter.limit + 1)
      .where(':partyOrg = ANY(c.parties)', { partyOrg: filter.partyOrg })
      .andWhere('c.case_type = ANY(:readableTypes)', { readableTypes: filter.readableTypes });
    if (filter.caseType) qb.andWhere('c.case_type = :caseType', { caseType: filter.caseType });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.cursor) {
      const { sortKey, id } = decodeCursor(CURSORS.cases, filter.cursor);
      qb.andWhere('(c.created_at, c.id) < (:sortKey::timestamptz, :id::uuid)', { sortKey, id });
    }
    const rows = await qb.getMany();
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > filter.limit && last ? encodeCursor(CURSORS.cases, { sortKey: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }
}
