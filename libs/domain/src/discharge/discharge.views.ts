/** What the discharge case shows: the non-identifying list summary, and the patient's written summary. */
import type { TakeoverReceiver } from './takeover-receiver';
import type { DischargeCase, DischargeHandoverStatus, MunicipalNeed } from './discharge.types';

/** For lists and the projection: no personal data (the patient's identity stays in the projection's subject). */
export function dischargeListSummary(s: DischargeCase): Record<string, unknown> {
  return {
    careType: s.careType,
    admittedAt: s.admittedAt,
    estimatedDischargeDate: s.estimatedDischargeDate,
    lateNotice: s.lateNotice,
    readyForDischargeAt: s.readyForDischargeAt ?? null,
    plannedDischargeAt: s.plannedDischargeAt ?? null,
    assessment: s.assessment ? { outcome: s.assessment.outcome, services: s.assessment.services } : null,
    takeover: s.takeover ?? null,
    discharge: s.discharge ?? null,
    cancellation: s.cancellation ?? null,
    needs: s.needs,
  };
}

/** What the patient gets in writing (patientlagen 3:2 b). */
export interface DischargeSummary {
  caseId: string;
  /** Filled in by the API from the case's sealed subject; null when the patient's data is erased. */
  patientName: string | null;
  status: DischargeHandoverStatus;
  plannedDischargeAt: string | null;
  fastVardkontakt: { name: string; phone: string | null; organisationCode: string } | null;
  plannedSipDate: string | null;
  municipalServices: { services: MunicipalNeed[]; startDate: string | null } | null;
  medicalResponsibility: { organisationCode: string; receiver: TakeoverReceiver; acknowledged: boolean } | null;
  contacts: { role: string; organisationCode: string }[];
}

export function dischargeSummary(s: DischargeCase, patientName: string | null): DischargeSummary {
  const contacts = [
    { role: 'fast vårdkontakt (vårdcentral)', organisationCode: s.vardcentralCode },
    { role: 'municipal care (biståndshandläggare)', organisationCode: s.municipalityCode },
    { role: 'hospital ward', organisationCode: s.hospitalCode },
  ];
  if (s.takeover?.receiver === 'asih') contacts.unshift({ role: 'medical responsibility (ASIH)', organisationCode: s.takeover.organisationCode });
  return {
    caseId: s.caseId,
    patientName,
    status: s.status,
    plannedDischargeAt: s.plannedDischargeAt ?? null,
    fastVardkontakt: s.fastVardkontakt ? { name: s.fastVardkontakt.name, phone: s.fastVardkontakt.phone ?? null, organisationCode: s.vardcentralCode } : null,
    plannedSipDate: s.sip.call?.plannedSipDate ?? null,
    municipalServices: s.assessment ? { services: s.assessment.services, startDate: s.assessment.startDate ?? null } : null,
    medicalResponsibility: s.takeover
      ? { organisationCode: s.takeover.organisationCode, receiver: s.takeover.receiver, acknowledged: !!s.takeover.acknowledged }
      : null,
    contacts,
  };
}
