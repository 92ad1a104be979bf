import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '../../../../libs/auth/src/principal';
import {
  reviseReportUpdate,
  roundOpenedUpdate,
  SITUATION_ROUND_CASE_TYPE,
  SITUATION_ROUND_WORKFLOW_TYPE,
  SituationRoundInput,
  SituationRoundState,
  situationRoundWorkflowId,
} from '../../../../libs/contracts/src/situation-report.contract';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { isIsoWeek, weekDates } from '../../../../libs/domain/src/situation-reports/calendar';
import { figuresProblem } from '../../../../libs/domain/src/situation-reports/figures';
import type { AreaPicture, SituationPicture } from '../../../../libs/domain/src/situation-reports/report.types';
import { addDays } from '../../../../libs/domain/src/time/swedish-holidays';
import { CURSORS, decodeCursor } from '../../../../libs/persistence/src/pagination';
import { CaseRepository } from '../../../../libs/persistence/src/repositories/case.repository';
import { hashRequest, IdempotencyKeyRepository } from '../../../../libs/persistence/src/repositories/idempotency-key.repository';
import { SituationReportRepository } from '../../../../libs/persistence/src/repositories/situation-report.repository';
import { SituationRoundPlanner } from '../../../../libs/persistence/src/situation-reports/round-planner';
import { AccessService } from '../access/access.service';
import { CaseWorkflows } from '../access/case-workflows';
import { SITUATION_REPORTS } from '../access/need-to-know';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto';
import type { RequestContext } from '../common/request-context';
import { ListReportsQueryDto, ListRoundsQueryDto, ReviseReportDto, StartRoundDto, TrendQueryDto } from './situation-report.dto';

const invalid = (field: string, message: string) => new DomainError(DomainErrorCode.InvalidInput, message, { field });
const DAY_MS = 24 * 3_600_000;
/** At most this many weeks in one trend. */
const TREND_MAX_WEEKS = 160;

/** Situation reports through the API: rounds, pictures, raw reports within each organisation's remit, revisions. */
@Injectable()
export class SituationReportService {
  constructor(
    private readonly access: AccessService,
    private readonly workflows: CaseWorkflows,
    private readonly reports: SituationReportRepository,
    private readonly planner: SituationRoundPlanner,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly cases: CaseRepository,
  ) {}

  /** Socialstyrelsen starts an extra round: for a week, optionally for some organisations and with its own times. */
  async start(ctx: RequestContext, dto: StartRoundDto, key: string) {
    const p = ctx.principal;
    if (p.organisationKind !== SITUATION_REPORTS.starter.kind) throw new DomainError(DomainErrorCode.Forbidden, 'only Socialstyrelsen starts a reporting round');
    if (!isIsoWeek(dto.week)) throw invalid('week', `week ${dto.week} is not an ISO week that exists`);
    const times = this.times(dto);
    const { unknown, ...plan } = await this.planner.plan(dto.week, { participants: dto.participants, times });
    if (unknown.length) throw invalid('participants', `not an active municipality or region: ${unknown.join(', ')}`);
    if (plan.participants.length === 0) throw invalid('participants', 'no municipality or region would report');
    const claim = await this.idempotencyKeys.claim(`situation-round:start:${p.organisationCode}`, key, hashRequest(dto));
    ctx.audit.caseId = claim.resourceId;
    const input: SituationRoundInput = { ...plan, roundId: claim.resourceId, openedBy: actorOf(p), requestId: ctx.requestId };
    await this.workflows.startWithUpdate<object, SituationRoundState>(
      ctx,
      { workflowType: SITUATION_ROUND_WORKFLOW_TYPE, workflowId: situationRoundWorkflowId(claim.resourceId), input, what: 'round', rejectDuplicate: true },
      roundOpenedUpdate,
      undefined,
      `opened-${claim.resourceId}`,
    );
    const { week, opensAt, remindAt, dueAt, cutoffAt, revisionsUntil } = plan.calendar;
    return { roundId: claim.resourceId, week, opensAt, remindAt, dueAt, cutoffAt, revisionsUntil, participants: plan.participants.length, replayed: claim.replayed };
  }

  /** An extra round's own times, checked in order: now ≤ remindAt ≤ dueAt < cutoffAt. None given: the weekly calendar. */
  private times(dto: StartRoundDto) {
    if (!dto.dueAt && !dto.cutoffAt && !dto.remindAt) return undefined;
    if (!dto.dueAt) throw invalid('dueAt', 'dueAt is required with remindAt or cutoffAt');
    if (!dto.cutoffAt) throw invalid('cutoffAt', 'cutoffAt is required with dueAt');
    const now = Date.now();
    const due = Date.parse(dto.dueAt);
    const cutoff = Date.parse(dto.cutoffAt);
    if (due <= now) throw invalid('dueAt', 'dueAt must be in the future');
    if (cutoff <= due) throw invalid('cutoffAt', 'cutoffAt must be after dueAt');
    if (cutoff - now > 366 * DAY_MS) throw invalid('cutoffAt', 'cutoffAt must be within a year');
    const remind = dto.remindAt ? Date.parse(dto.remindAt) : Math.max(now, due - DAY_MS);
    if (remind < now || remind > due) throw invalid('remindAt', 'remindAt must be between now and dueAt');
    const iso = (ms: number) => new Date(ms).toISOString();
    return { opensAt: iso(now), remindAt: iso(remind), dueAt: iso(due), cutoffAt: iso(cutoff) };
  }

  /** The rounds the caller sees (reporters: those they report in), newest first. */
  async list(p: Principal, query: ListRoundsQueryDto) {
    let scope: string;
    try {
      scope = this.access.situationRemit(p).scope;
    } catch {
      if (query.cursor) decodeCursor(CURSORS.situationRounds, query.cursor); // still a cursor of this list or none
      return { items: [], nextCursor: null };
    }
    return this.reports.listRounds({ limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor, ...(scope === 'own' ? { reporter: p.organisationCode } : {}) });
  }

  private async round(ctx: RequestContext, roundId: string) {
    return this.access.requireSituationRound(ctx, roundId, await this.reports.findRound(roundId));
  }

  /** The published picture; until the cut-off there is none (409 saying when). */
  async picture(ctx: RequestContext, roundId: string): Promise<SituationPicture> {
    const round = await this.round(ctx, roundId);
    if (!round.picture) throw new DomainError(DomainErrorCode.Conflict, `the picture is published at the cut-off, ${round.cutoffAt.toISOString()}`);
    return round.picture;
  }

  /** The latest report of each organisation within the caller's remit. */
  async listReports(ctx: RequestContext, roundId: string, query: ListReportsQueryDto) {
    await this.round(ctx, roundId);
    const { remit } = this.access.situationRemit(ctx.principal);
    if (!remit) throw new DomainError(DomainErrorCode.Forbidden, "raw reports are not in this organisation's remit; read the published picture");
    return this.reports.latestReports(roundId, remit, { limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
  }

  /** One organisation's report: every revision, and its shortages with the county board's answers. */
  async report(ctx: RequestContext, roundId: string, organisationCode: string) {
    const round = await this.round(ctx, roundId);
    const participant = round.participants.find((x) => x.organisationCode === organisationCode);
    const { remit } = this.access.situationRemit(ctx.principal);
    if (!participant || !this.access.coversReport(remit, participant)) throw new DomainError(DomainErrorCode.NotFound, `no report of ${organisationCode} in this round`);
    const revisions = await this.reports.revisionsOf(roundId, organisationCode);
    const standing = revisions.length === 0 ? 'missing' : revisions[0].late ? 'late' : 'on_time';
    return { organisationCode, standing, revisions, shortages: await this.reports.shortagesOf(roundId, organisationCode) };
  }

  /** A correction (until the cut-off) or a revision (after it) of the caller's own report. */
  async revise(ctx: RequestContext, roundId: string, dto: ReviseReportDto, updateKey?: string) {
    const round = await this.round(ctx, roundId);
    const p = ctx.principal;
    const participant = round.participants.find((x) => x.organisationCode === p.organisationCode);
    if (!participant) throw new DomainError(DomainErrorCode.Forbidden, `${p.organisationCode} does not report in this round`);
    const problem = figuresProblem(participant.kind, dto.figures, 'figures');
    if (problem) throw invalid(problem.field, problem.message);
    const c = await this.cases.findById(roundId);
    if (!c || c.caseType !== SITUATION_ROUND_CASE_TYPE) throw new DomainError(DomainErrorCode.NotFound, `situation-report round ${roundId} not found`);
    await this.workflows.update(ctx, c, reviseReportUpdate, { organisationCode: p.organisationCode, figures: dto.figures as never, by: actorOf(p) }, updateKey ? `revise-${p.organisationCode}-${updateKey}` : undefined);
    return this.report(ctx, roundId, p.organisationCode);
  }

  /** Week by week, the country's or a county's medians and sums from the published pictures. */
  async trend(p: Principal, q: TrendQueryDto) {
    this.access.situationRemit(p, 'trend');
    for (const field of ['from', 'to'] as const) if (q[field] && !isIsoWeek(q[field])) throw invalid(field, `${field} ${q[field]} is not an ISO week that exists`);
    const toDay = q.to ? addDays(weekDates(q.to).monday, 7) : null;
    const fromDay = q.from ? weekDates(q.from).monday : toDay ? addDays(toDay, -7 * 53) : null;
    if (fromDay && toDay && fromDay >= toDay) throw invalid('to', 'to must not be before from');
    const pictures = await this.reports.pictures({ fromDay, toDay, limit: TREND_MAX_WEEKS });
    const weeks = pictures.flatMap((pic) => {
      const area: AreaPicture | undefined = q.county ? pic.counties[q.county] : pic.nation;
      if (!area) return [];
      const medians = <K extends string>(spreads: Record<K, { median: number | null }>) => Object.fromEntries(Object.entries(spreads).map(([k, v]) => [k, (v as { median: number | null }).median]));
      return [
        {
          week: pic.week,
          periodFrom: pic.periodFrom,
          version: pic.version,
          expected: area.municipalities.expected + area.regions.expected,
          reported: area.municipalities.reported + area.regions.reported,
          municipalStaffAbsence: medians(area.municipalStaffAbsence),
          regionalStaffAbsence: medians(area.regionalStaffAbsence),
          stockDays: medians(area.stockDays),
          covidInpatients: area.covidInpatients.sum,
          icuBeds: area.icu.beds,
          icuOccupied: area.icu.occupied,
          icuOccupancyPercent: area.icu.occupancyPercent,
        },
      ];
    });
    return { county: q.county ?? null, weeks };
  }
}
