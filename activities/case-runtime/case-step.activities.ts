import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CaseReadActivities, CaseRuntimeActivities, CaseStep, MandateTotals, ProjectedCase, StepResult } from '../../libs/contracts/src/case-runtime.contract';
import { refuse, Refusal } from '../../libs/domain/src/case/case';
import { CaseEffect, ReferenceKey, referenceKeyString } from '../../libs/domain/src/case/effects';
import { AuditRepository, NewAuditEntry } from '../../libs/persistence/src/audit/audit.repository';
import { AreaProjection, AreaRepository } from '../../libs/persistence/src/repositories/area.repository';
import { CaseRepository } from '../../libs/persistence/src/repositories/case.repository';
import { ClaimProjection, ClaimRepository } from '../../libs/persistence/src/repositories/claim.repository';
import { DailyAmountRepository } from '../../libs/persistence/src/repositories/daily-amount.repository';
import { LedgerRepository } from '../../libs/persistence/src/repositories/ledger.repository';
import { LpikRepository } from '../../libs/persistence/src/repositories/lpik.repository';
import { OrganisationRepository } from '../../libs/persistence/src/repositories/organisation.repository';
import { TaskRepository } from '../../libs/persistence/src/repositories/task.repository';
import { SituationReportRepository } from '../../libs/persistence/src/repositories/situation-report.repository';
import { TransferRepository } from '../../libs/persistence/src/repositories/transfer.repository';
import type { Beds, Candidate, Transfer } from '../../libs/domain/src/transfers/transfer.types';
import { CARE_LEVELS } from '../../libs/domain/src/transfers/transfer.types';
import { PatientDataService } from '../../libs/persistence/src/patient-data/patient-data.service';

/** Cancelled tasks by reason, in order: one statement per reason. */
function groupBy(cancelled: { taskId: string; reason: string }[]): Map<string, string[]> {
  const byReason = new Map<string, string[]>();
  for (const { taskId, reason } of cancelled) byReason.set(reason, [...(byReason.get(reason) ?? []), taskId]);
  return byReason;
}

/** Thrown inside the step's transaction to roll it back and answer the workflow with the refusal. */
class StepRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/**
 * The shared case runtime's one write: a step of a case (its projection and timeline, the tasks it opened,
 * completed and cancelled, its ledger bookings and registrations, and the audit rows of all of that) in one
 * transaction. The case's version makes a step idempotent: a retried step finds its version written and changes
 * nothing more, so nothing is written twice and nothing is lost on a crash.
 */
@Injectable()
export class CaseStepActivitiesService implements CaseRuntimeActivities, CaseReadActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly tasks: TaskRepository,
    private readonly audit: AuditRepository,
    private readonly ledger: LedgerRepository,
    private readonly claims: ClaimRepository,
    private readonly areas: AreaRepository,
    private readonly dailyAmounts: DailyAmountRepository,
    private readonly lpik: LpikRepository,
    private readonly organisations: OrganisationRepository,
    private readonly patientData: PatientDataService,
    private readonly situations: SituationReportRepository,
    private readonly transfers: TransferRepository,
  ) {}

  async applyCaseStep(step: CaseStep): Promise<StepResult> {
    const notify: { workflowId: string; key: string }[] = [];
    try {
      await this.dataSource.transaction(async (em) => {
        // Other cases waiting for a value this step registers are told, also when the step is retried.
        for (const effect of step.effects) {
          if (effect.type !== 'reference.register') continue;
          const key = referenceKeyString(effect.key);
          for (const workflowId of await this.tasks.workflowsAwaiting(key, em)) if (workflowId !== step.workflowId) notify.push({ workflowId, key });
        }
        // Written before (a retry after a lost answer): everything of this step is already there.
        if ((await this.cases.writeStep(step, em)) === 'retry') return;
        const { subject, subjectSealed } = step.projection;
        if (subjectSealed || subject) await this.patientData.storeSubject(em, step.caseId, { sealed: subjectSealed, plain: subject });
        // The audit rows go in last, together: the audit chain's lock is then held only to the commit.
        const audit: NewAuditEntry[] = [];
        const record = (entry: Omit<NewAuditEntry, 'caseId'>) => audit.push({ ...entry, caseId: step.caseId });
        for (const a of step.audit) {
          record({ actor: a.by.actor, organisationCode: a.by.organisationCode, action: a.action, taskId: null, requestId: a.requestId, outcome: 'success', detail: a.detail ?? null });
        }
        await this.tasks.createMany(step.opened.map((t) => ({ ...t, caseId: step.caseId, caseType: step.caseType, workflowId: step.workflowId })), em);
        const c = step.completed;
        if (c) {
          const closed = await this.tasks.markCompleted(c.taskId, { decision: c.decision, result: c.outcome, completedBy: c.by.actor, requestHash: c.requestHash }, em);
          if (!closed) throw new StepRefused(refuse('conflict', `task ${c.taskId} is no longer open`));
          record({ actor: c.by.actor, organisationCode: c.by.organisationCode, action: 'task.complete', taskId: c.taskId, requestId: c.requestId, outcome: 'success', detail: { kind: c.kind } });
        }
        for (const [reason, ids] of groupBy(step.cancelled)) {
          for (const id of await this.tasks.cancelOpen(step.caseId, reason, em, ids)) {
            record({ actor: 'system', organisationCode: null, action: 'task.cancel', taskId: id, requestId: null, outcome: 'success', detail: { reason } });
          }
        }
        for (const effect of step.effects) {
          const row = await this.applyEffect(effect, em);
          if (row) record(row);
        }
        for (const p of step.processProjections) {
          if (p.kind === 'claim') await this.claims.upsert(p.claim as ClaimProjection, em);
          if (p.kind === 'area') await this.areas.project(p.area as AreaProjection, em);
          if (p.kind === 'transfer') await this.transfers.project(em, p.transfer as Transfer & { version: number });
        }
        await this.audit.appendMany(audit, em);
      });
      return { ok: true, ...(notify.length ? { notify } : {}) };
    } catch (err) {
      if (err instanceof StepRefused) return { ok: false, refusal: err.refusal };
      throw err; // a data error is made final where every activity is registered (activitiesFrom)
    }
  }

  /** Books an effect; the audit row it needs, if it booked anything. */
  private async applyEffect(effect: CaseEffect, em: EntityManager): Promise<Omit<NewAuditEntry, 'caseId'> | null> {
    if (effect.type === 'ledger.book') {
      const total = effect.bookings.reduce((n, b) => n + b.amountOre, 0);
      const mandates = [...new Set(effect.bookings.map((b) => b.mandateId))];
      // Bookings under a mandate are serialised, so approvals can never together pass its ceiling.
      for (const id of mandates) await this.ledger.lockMandate(id, em);
      if (effect.ceiling) {
        const already = await this.ledger.sum(em, { mandateId: effect.ceiling.mandateId, kind: 'approved' });
        if (already + total > effect.ceiling.ceilingOre) {
          const { reference, ceilingOre } = effect.ceiling;
          throw new StepRefused(refuse('conflict', `approving ${total} öre would take ${reference} to ${already + total} öre, over its ceiling of ${ceilingOre} öre`));
        }
      }
      const added = await this.ledger.book(effect.bookings, em);
      return added > 0 ? { actor: effect.by.actor, organisationCode: effect.by.organisationCode, action: effect.action, taskId: null, requestId: null, outcome: 'success', detail: effect.detail } : null;
    }
    if (effect.type === 'situation_round.open') {
      await this.situations.openRound(em, effect);
      return null;
    }
    if (effect.type === 'situation_report.record') {
      await this.situations.recordReport(em, effect.report);
      return null;
    }
    if (effect.type === 'situation_shortage.record') {
      await this.situations.recordShortage(em, effect.roundId, effect.shortage);
      return null;
    }
    if (effect.type === 'situation_picture.publish') {
      const picture = await this.situations.publishPicture(em, effect.roundId, effect.version, effect.computedAt);
      if (!picture) return null;
      const { reported, expected } = { reported: picture.nation.municipalities.reported + picture.nation.regions.reported, expected: picture.nation.municipalities.expected + picture.nation.regions.expected };
      return { actor: 'system', organisationCode: null, action: 'situation_picture.publish', taskId: null, requestId: null, outcome: 'success', detail: { week: picture.week, version: picture.version, reported, expected } };
    }
    if (effect.type === 'transfer.reserve') {
      const full = await this.transfers.reserve(em, effect.requestId, effect.round, effect.region, effect.beds);
      if (full) throw new StepRefused(refuse('conflict', `${effect.region} has no free ${full} bed left to reserve: declare free beds, or decline the offer`));
      return { actor: 'system', organisationCode: null, action: 'transfer.reserve', taskId: null, requestId: null, outcome: 'success', detail: { region: effect.region, round: effect.round, beds: effect.beds } };
    }
    if (effect.type === 'transfer.release' || effect.type === 'transfer.admit') {
      const beds = await this.transfers.release(em, effect.requestId, effect.round, effect.type === 'transfer.admit' ? 'admitted' : 'released');
      return beds > 0 ? { actor: 'system', organisationCode: null, action: effect.type, taskId: null, requestId: null, outcome: 'success', detail: { region: effect.region, round: effect.round, beds } } : null;
    }
    if (effect.type === 'reinforcement.allocate') {
      const booked = await this.transfers.allocate(em, { ...effect, decidedBy: effect.by.actor, decidedAt: new Date().toISOString() });
      if (!booked) throw new StepRefused(refuse('conflict', `the national pool has fewer than ${effect.allocated} of ${effect.category} left`));
      return { actor: effect.by.actor, organisationCode: effect.by.organisationCode, action: 'reinforcement.allocate', taskId: null, requestId: null, outcome: 'success', detail: { region: effect.region, category: effect.category, requested: effect.requested, allocated: effect.allocated } };
    }
    const { key, value, by } = effect;
    const stored =
      key.kind === 'daily_amount'
        ? (await this.dailyAmounts.register(key.year, value, by.actor, em)).amountOre
        : (await this.lpik.register(key.year, value, by.actor, em)).percentHundredths;
    // The first registration stands: an answer that differs is refused (the case is told of the registered one).
    if (stored !== value) throw new StepRefused(refuse('conflict', `${key.kind === 'daily_amount' ? 'the daily amount' : 'LPIK'} for ${key.year} is already registered as ${stored}`));
    const detail = key.kind === 'daily_amount' ? { year: key.year, amountOre: value } : { year: key.year, percentHundredths: value };
    return { actor: by.actor, organisationCode: by.organisationCode, action: key.kind === 'daily_amount' ? 'daily_amount.register' : 'lpik.register', taskId: null, requestId: null, outcome: 'success', detail };
  }

  // ---- reads (local activities) -------------------------------------------------------------------------

  projectedCase(caseId: string): Promise<ProjectedCase | null> {
    return this.cases.projected(caseId);
  }

  async referenceValues(keys: ReferenceKey[]): Promise<{ key: ReferenceKey; value: number | null }[]> {
    const years = keys.filter((k) => k.kind === 'daily_amount').map((k) => k.year);
    const amounts = years.length ? await this.dailyAmounts.list(years) : [];
    const values: { key: ReferenceKey; value: number | null }[] = [];
    for (const key of keys) {
      if (key.kind === 'daily_amount') values.push({ key, value: amounts.find((a) => a.year === key.year)?.amountOre ?? null });
      else values.push({ key, value: (await this.lpik.find(key.year))?.percentHundredths ?? null });
    }
    return values;
  }

  mandateTotals(mandateId: string): Promise<MandateTotals> {
    return this.dataSource.transaction(async (em) => ({
      approvedOre: await this.ledger.sum(em, { mandateId, kind: 'approved' }),
      paidOre: await this.ledger.sum(em, { mandateId, kind: 'paid' }),
    }));
  }

  async transferCandidates(q: { sendingRegion: string; beds: Beds }): Promise<Candidate[]> {
    const regions = (await this.organisations.list('region')).filter((o) => o.active && o.code !== q.sendingRegion);
    const [free, healthcare, picture] = await Promise.all([this.transfers.freeBeds(), this.transfers.healthcareRegions(), this.situations.latestPicture()]);
    const own = healthcare.get(q.sendingRegion) ?? null;
    return regions.map((o) => {
      const beds = free.get(o.code) ?? { icu_ventilator: 0, icu: 0, inpatient: 0 };
      const icu = picture?.counties[o.code]?.icu;
      return {
        region: o.code,
        name: o.name,
        healthcareRegion: healthcare.get(o.code) ?? null,
        sameHealthcareRegion: own !== null && healthcare.get(o.code) === own,
        free: beds,
        fits: CARE_LEVELS.every((l) => beds[l] >= q.beds[l]),
        pictureIcuFree: icu && icu.reported > 0 ? icu.free : null,
      };
    });
  }

  async isActiveOrganisation(code: string, kind: string): Promise<boolean> {
    const org = await this.organisations.find(code);
    return !!org && org.active && org.kind === kind;
  }
}
