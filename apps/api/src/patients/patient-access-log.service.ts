import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '../../../../libs/auth/src/principal';
import { KEY_RING } from '../../../../libs/crypto/src/crypto.module';
import type { KeyRing } from '../../../../libs/crypto/src/key-ring';
import { patientIndex } from '../../../../libs/crypto/src/patient-index';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import { CaseRepository } from '../../../../libs/persistence/src/repositories/case.repository';
import { PATIENT_ACCESS_LOG_READERS } from '../access/need-to-know';
import { PATIENT_DATA_READ, PatientDataReadDetail } from '../access/patient-data-access';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto';
import type { RequestContext } from '../common/request-context';
import type { PatientAccessLogPageDto, PatientAccessLogRequestDto } from './patient-access-log.dto';

/**
 * A patient's access log (patientdatalagen 4 kap.): who read their data, when, through which endpoint. The
 * patient's cases are found by the personnummer's blind index, never by the personnummer itself; the extract's
 * own audit row names that index and the cases, not the personnummer.
 */
@Injectable()
export class PatientAccessLogService {
  constructor(
    @Inject(KEY_RING) private readonly keyRing: KeyRing,
    private readonly cases: CaseRepository,
    private readonly audit: AuditRepository,
  ) {}

  async extract(ctx: RequestContext, dto: PatientAccessLogRequestDto): Promise<PatientAccessLogPageDto> {
    const platform = ctx.principal.roles.includes(PATIENT_ACCESS_LOG_READERS.platform);
    const index = patientIndex(this.keyRing, dto.personnummer);
    const caseIds = await this.cases.idsOfPatient(index, platform ? undefined : ctx.principal.organisationCode);
    ctx.audit.detail = { scope: platform ? 'platform' : 'organisation', patientIndex: index, caseIds };
    const page = await this.audit.ofCases({ action: PATIENT_DATA_READ, caseIds, limit: dto.limit ?? DEFAULT_PAGE_SIZE, cursor: dto.cursor });
    return {
      items: page.items.map((row) => {
        const detail = (row.detail ?? {}) as Partial<PatientDataReadDetail>;
        return {
          at: row.at,
          personId: row.actor,
          organisationCode: row.organisationCode ?? '',
          roles: (detail.roles ?? []) as Role[],
          endpoint: detail.endpoint ?? '',
          caseId: row.caseId ?? '',
          taskId: row.taskId,
          auditId: row.id,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }
}
