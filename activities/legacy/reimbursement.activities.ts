import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TaskActor } from '../../libs/contracts/src/human-task.contract';
import {
  ClaimState,
  CostLine,
  LineDecision,
  MandateRef,
  MandateTotals,
  ReimbursementActivities,
} from '../../workflows/legacy/contracts/reimbursement-claim.contract';
import { AuditRepository } from '../../libs/persistence/src/audit/audit.repository';
import { ClaimRepository } from '../../libs/persistence/src/repositories/claim.repository';
import { LedgerRepository } from '../../libs/persistence/src/repositories/ledger.repository';

/** Amounts per cost category of the approved lines. */
function approvedByCategory(lines: CostLine[], approved: LineDecision[]): Map<string, number> {
  const byCategory = new Map<string, number>();
  for (const d of approved) {
    const line = lines.find((l) => l.lineNo === d.lineNo);
    if (line && d.approvedOre > 0) byCategory.set(line.category, (byCategory.get(line.category) ?? 0) + d.approvedOre);
  }
  return byCategory;
}

@Injectable()
export class ReimbursementActivitiesService implements ReimbursementActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly ledger: LedgerRepository,
    private readonly audit: AuditRepository,
  ) {}

  mandateTotals(mandateId: string): Promise<MandateTotals> {
    return this.dataSource.transaction(async (em) => ({
      approvedOre: await this.ledger.sum(em, { mandateId, kind: 'approved' }),
      paidOre: await this.ledger.sum(em, { mandateId, kind: 'paid' }),
    }));
  }

  async projectClaim(state: ClaimState): Promise<void> {
    await this.dataSource.transaction((em) => this.claims.upsert(state, em));
  }

  bookApproval(input: { claimId: string; mandate: MandateRef; lines: CostLine[]; approved: LineDecision[]; by: TaskActor }) {
    return this.dataSource.transaction(async (em): Promise<{ booked: true } | { booked: false; reason: string }> => {
      await this.ledger.lockMandate(input.mandate.id, em);
      // Booked before (a retried activity): the same approval, not a second one.
      if ((await this.ledger.sum(em, { sourceId: input.claimId, kind: 'approved' })) > 0) return { booked: true };
      const byCategory = approvedByCategory(input.lines, input.approved);
      const total = [...byCategory.values()].reduce((n, v) => n + v, 0);
      if (input.mandate.ceilingOre !== null) {
        const already = await this.ledger.sum(em, { mandateId: input.mandate.id, kind: 'approved' });
        if (already + total > input.mandate.ceilingOre) {
          return {
            booked: false,
            reason: `approving ${total} öre would take ${input.mandate.reference} to ${already + total} öre, over its ceiling of ${input.mandate.ceilingOre} öre`,
          };
        }
      }
      await this.ledger.book(
        [...byCategory].map(([category, amountOre]) => ({
          bookingKey: `claim:${input.claimId}:approved:${category}`,
          mandateId: input.mandate.id,
          source: 'reimbursement_claim',
          sourceId: input.claimId,
          kind: 'approved' as const,
          category,
          amountOre,
          payerOrg: input.mandate.payerOrg,
          payeeOrg: input.mandate.payeeOrg,
          reference: input.mandate.reference,
          bookedBy: input.by.actor,
        })),
        em,
      );
      await this.record(em, input.by, 'ledger.book_approval', input.claimId, { totalOre: total });
      return { booked: true };
    });
  }

  bookPayment(input: { claimId: string; mandate: MandateRef; paymentReference: string; by: TaskActor }) {
    return this.dataSource.transaction(async (em) => {
      await this.ledger.lockMandate(input.mandate.id, em);
      const approved = (await this.ledger.entriesFor(input.claimId, em)).filter((e) => e.kind === 'approved');
      const added = await this.ledger.book(
        approved.map((a) => ({
          bookingKey: `claim:${input.claimId}:paid:${a.category}`,
          mandateId: input.mandate.id,
          source: 'reimbursement_claim',
          sourceId: input.claimId,
          kind: 'paid' as const,
          category: a.category,
          amountOre: a.amountOre,
          payerOrg: input.mandate.payerOrg,
          payeeOrg: input.mandate.payeeOrg,
          reference: input.paymentReference,
          bookedBy: input.by.actor,
        })),
        em,
      );
      const paidOre = await this.ledger.sum(em, { sourceId: input.claimId, kind: 'paid' });
      if (added > 0) await this.record(em, input.by, 'ledger.book_payment', input.claimId, { paidOre, paymentReference: input.paymentReference });
      return { paidOre };
    });
  }

  private record(em: EntityManager, by: TaskActor, action: string, caseId: string, detail: Record<string, unknown>) {
    return this.audit.append(
      { actor: by.actor, organisationCode: by.organisationCode, action, caseId, taskId: null, requestId: null, outcome: 'success', detail },
      em,
    );
  }
}
