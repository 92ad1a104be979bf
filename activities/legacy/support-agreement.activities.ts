import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TaskActor } from '../../libs/contracts/src/human-task.contract';
import type { SupportAgreementActivities } from '../../workflows/legacy/contracts/support-agreement.contract';
import { AuditRepository } from '../../libs/persistence/src/audit/audit.repository';
import { LedgerRepository } from '../../libs/persistence/src/repositories/ledger.repository';
import { LpikRepository } from '../../libs/persistence/src/repositories/lpik.repository';
import { MandateRepository } from '../../libs/persistence/src/repositories/mandate.repository';

@Injectable()
export class SupportAgreementActivitiesService implements SupportAgreementActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lpik: LpikRepository,
    private readonly ledger: LedgerRepository,
    private readonly mandates: MandateRepository,
    private readonly audit: AuditRepository,
  ) {}

  async lpikFor(year: number): Promise<number | null> {
    return (await this.lpik.find(year))?.percentHundredths ?? null;
  }

  registerLpik(input: { year: number; hundredths: number; by: TaskActor }): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const stored = await this.lpik.register(input.year, input.hundredths, input.by.actor, em);
      await this.audit.append(
        {
          actor: input.by.actor,
          organisationCode: input.by.organisationCode,
          action: 'lpik.register',
          caseId: null,
          taskId: null,
          requestId: null,
          outcome: stored.percentHundredths === input.hundredths ? 'success' : 'refused:already_registered',
          detail: { year: input.year, percentHundredths: input.hundredths },
        },
        em,
      );
      return stored.percentHundredths;
    });
  }

  async bookAgreementPayment(input: {
    mandateId: string;
    agreementId: string;
    year: number;
    instalment: number;
    amountOre: number;
    paymentReference?: string;
    by: TaskActor;
  }): Promise<void> {
    const mandate = await this.mandates.find(input.mandateId);
    if (!mandate) throw new Error(`mandate ${input.mandateId} not found`);
    const kind = input.paymentReference ? ('paid' as const) : ('approved' as const);
    await this.dataSource.transaction(async (em) => {
      const added = await this.ledger.book(
        [
          {
            bookingKey: `agreement:${input.agreementId}:${input.year}:${input.instalment}:${kind}`,
            mandateId: mandate.id,
            source: 'support_agreement',
            sourceId: input.agreementId,
            kind,
            category: 'support_agreement',
            amountOre: input.amountOre,
            payerOrg: mandate.payerOrg,
            payeeOrg: mandate.payeeOrg,
            reference: input.paymentReference ?? `${mandate.reference} ${input.year}/${input.instalment}`,
            bookedBy: input.by.actor,
          },
        ],
        em,
      );
      if (added > 0) {
        await this.audit.append(
          {
            actor: input.by.actor,
            organisationCode: input.by.organisationCode,
            action: kind === 'paid' ? 'ledger.book_agreement_payment' : 'ledger.book_agreement_instalment',
            caseId: input.agreementId,
            taskId: null,
            requestId: null,
            outcome: 'success',
            detail: { year: input.year, instalment: input.instalment, amountOre: input.amountOre },
          },
          em,
        );
      }
    });
  }
}
