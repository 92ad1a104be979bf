import type { Schemas } from '../api/client';

type TaskKind = Schemas['TaskSummaryDto']['kind'];
type Role = Schemas['TaskSummaryDto']['requiredRole'];
type CaseType = Schemas['TaskSummaryDto']['caseType'];

// Typed by the API's enums: a new task kind, role or case type fails the web build until it has a Swedish name.

export const ROLE_LABELS: Record<Role, string> = {
  case_handler: 'Handläggare',
  approver: 'Beslutsfattare',
  finance: 'Ekonomi',
  coordinator: 'Samordnare',
  admin: 'Administratör',
  register_admin: 'Registeradministratör (HSF)',
  reference_admin: 'Referensdata (HSF)',
  platform_auditor: 'Granskare (HSF)',
  operator: 'Drift (HSF)',
};

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  discharge_handover: 'Utskrivning',
  reimbursement_claim: 'Ersättning',
  coordination_area: 'Samordningsområde',
  support_agreement: 'Stödavtal',
  situation_report_round: 'Lägesbild',
  patient_transfer: 'Överflyttning mellan regioner',
  reinforcement_request: 'Nationell förstärkning',
};

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  'discharge.acknowledge_notice': 'Kvittera inskrivningsmeddelande',
  'discharge.appoint_fast_vardkontakt': 'Utse fast vårdkontakt',
  'discharge.needs_assessment': 'Bedöm behov',
  'discharge.provide_information': 'Lämna information',
  'discharge.acknowledge_ready': 'Kvittera utskrivningsklar',
  'discharge.call_sip': 'Kalla till SIP',
  'discharge.takeover_medical_responsibility': 'Ta över medicinskt ansvar',
  'discharge.escalation': 'Eskalering: utskrivning',
  'discharge.register_daily_amount': 'Registrera dagsbelopp',
  'finance.invoice_payment_liability': 'Fakturera betalningsansvar',
  'reimbursement.review': 'Granska ersättningsanspråk',
  'reimbursement.second_approval': 'Andra attest',
  'reimbursement.amend': 'Komplettera anspråk',
  'reimbursement.review_reminder': 'Påminnelse: granskning',
  'reimbursement.review_escalation': 'Eskalering: granskning',
  'reimbursement.payment': 'Betala ersättning',
  'coordination.accept_designation': 'Godta uppdrag',
  'coordination.designate_another': 'Utse annan vårdcentral',
  'coordination.designate_successor': 'Utse efterträdare',
  'coordination.assign_slso_support': 'Tilldela stöd från SLSO',
  'coordination.name_coordinator': 'Utse samordnare',
  'coordination.confirm_municipal_contact': 'Bekräfta kommunal kontakt',
  'coordination.municipality_confirms_contact': 'Kommunen bekräftar kontakt',
  'coordination.first_local_meeting': 'Första lokala mötet',
  'coordination.join_subregional': 'Delta i delregional samverkan',
  'coordination.onboarding_escalation': 'Eskalering: uppstart',
  'coordination.annual_follow_up': 'Årlig uppföljning',
  'agreement.register_lpik': 'Registrera LPIK',
  'agreement.payment': 'Betala enligt avtal',
  'situation_report.report': 'Rapportera lägesbild',
  'situation_report.reminder': 'Påminnelse: lägesbild',
  'situation_report.escalation': 'Eskalering: lägesbild saknas',
  'situation_report.shortage': 'Brist på skyddsutrustning',
  'situation_report.shortage_answered': 'Svar om brist',
  'situation_report.picture_published': 'Lägesbild publicerad',
  'transfer.matching': 'Godkänn förslag på mottagande regioner',
  'transfer.offer': 'Erbjudande: ta emot patienter från annan region',
  'transfer.duty_officer': 'Ingen region tog emot: beslut av tjänsteman i beredskap',
  'transfer.transport': 'Ordna transport för överflyttning',
  'transfer.departure': 'Bekräfta avresa för överflyttning',
  'transfer.arrival': 'Bekräfta ankomst för överflyttning',
  'transfer.admission': 'Bekräfta inskrivning efter överflyttning',
  'reinforcement.allocate': 'Fördela nationell förstärkning',
  case_data_fault: 'Datafel i ärende',
};

export const roleLabel = (role: string) => ROLE_LABELS[role as Role] ?? role;

type CaseProblem = Schemas['CaseProblemDto']['problem'];

/** Drift (GET /operations/cases): what each problem is called, and what it means, for HSF's operators. */
export const CASE_PROBLEM_LABELS: Record<CaseProblem, string> = {
  failing_activity: 'Aktivitet misslyckas',
  failing_workflow_task: 'Arbetsflödet misslyckas',
  stalled: 'Står still',
};

export const CASE_PROBLEM_HELP: Record<CaseProblem, string> = {
  failing_activity: 'Ett steg i ärendets arbetsflöde (t.ex. att spara ärendet) har misslyckats flera gånger i rad och försöks igen.',
  failing_workflow_task: 'Arbetsflödets egen kod fel­ar varje gång den körs, så ärendet kommer inte vidare.',
  stalled: 'En uppgift i ärendet har passerat sin tidsgräns, men ärendet har inte rört sig sedan dess.',
};
