import { CARE_TYPE_LABELS, calendarDate, MUNICIPAL_NEED_LABELS, REGION_NEED_LABELS, stockholmDateTime } from '../lib/case-texts';
import { kronor } from '../lib/money';
import { consumableLabel, weekLabel } from '../lib/situation-labels';
import { enumLabel } from '../lib/task-texts';
import { shortCaseId } from '../lib/case-texts';
import { useOrganisations } from '../lib/organisations';

type Obj = Record<string, unknown>;

const LABELS: Record<string, string> = {
  patient: 'Patient',
  hospitalCode: 'Sjukhus',
  admittedAt: 'Inskriven',
  estimatedDischargeDate: 'Beräknat utskrivningsdatum',
  careType: 'Vårdform',
  expectedNeeds: 'Förväntade behov',
  municipalNeeds: 'Kommunens insatser',
  regionNeeds: 'Regionens insatser',
  readyForDischargeAt: 'Bedömd utskrivningsklar',
  plannedDischargeAt: 'Planerad utskrivning',
  receiver: 'Tar över medicinskt ansvar',
  question: 'Fråga',
  askedBy: 'Frågan ställd av',
  informationRequests: 'Tidigare frågor',
  invoiceTo: 'Faktureras',
  year: 'År',
  note: 'Anteckning',
  caseId: 'Ärende',
  claimId: 'Ersättningsanspråk',
  mandate: 'Beslut',
  mandateId: 'Beslutets id',
  revision: 'Version',
  periodFrom: 'Period från',
  periodTo: 'Period till',
  lines: 'Kostnadsrader',
  claimedOre: 'Begärt',
  alreadyReimbursedUnderMandate: 'Redan ersatt under beslutet',
  approved: 'Godkända rader',
  approvedOre: 'Godkänt',
  firstApprover: 'Första attest',
  comment: 'Kommentar',
  payee: 'Betalningsmottagare',
  amountOre: 'Belopp',
  agreement: 'Överenskommelse',
  instalment: 'Delbetalning',
  dueOn: 'Förfaller',
  areaCode: 'Område',
  areaName: 'Områdets namn',
  vardcentralCode: 'Vårdcentral',
  startDate: 'Från och med',
  designatedBy: 'Utsedd av',
  handoverFrom: 'Tar över från',
  declinedBy: 'Avböjt av',
  reason: 'Skäl',
  predecessors: 'Tidigare områden',
  declineAllowed: 'Får avböja',
  roundId: 'Rapportomgång',
  week: 'Vecka',
  organisationCode: 'Organisation',
  kind: 'Rapporterar som',
  dueAt: 'Ska vara inne',
  cutoffAt: 'Stoppdag (lägesbilden publiceras)',
  municipality: 'Kommun',
  item: 'Skyddsutrustning',
  daysLeft: 'Lager kvar (dagar)',
  thresholdDays: 'Tröskel (dagar)',
  countyBoard: 'Länsstyrelse',
  action: 'Åtgärd',
};
/** Keys of a task's input that are for the app, not the person (the picture's API path). */
const HIDDEN = new Set(['picture']);

const NEED_LABELS: Record<string, string> = { ...MUNICIPAL_NEED_LABELS, ...REGION_NEED_LABELS };
const ORG_KEYS = new Set(['organisationCode', 'municipality', 'countyBoard', 'hospitalCode', 'askedBy', 'invoiceTo', 'payee', 'vardcentralCode', 'designatedBy', 'handoverFrom', 'declinedBy']);
/** Amounts: öre in the API, kronor on the screen. */
const ORE_KEYS = /Ore$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the person needs to decide, from the task's `input`, in Swedish (it may hold the patient's identity). */
export function TaskInput({ input }: { input: Obj }) {
  const { name } = useOrganisations();
  const show = (key: string, value: unknown): string | null => {
    if (value === null || value === undefined || HIDDEN.has(key)) return null;
    if (key === 'roundId' && typeof value === 'string') return shortCaseId(value);
    if (key === 'week' && typeof value === 'string') return weekLabel(value);
    if (key === 'kind' && (value === 'municipality' || value === 'region')) return value === 'municipality' ? 'Kommun' : 'Region';
    if (key === 'item' && typeof value === 'string') return consumableLabel(value);
    if (key === 'action' && typeof value === 'string') return enumLabel(value);
    if (key === 'patient' && typeof value === 'object') {
      const p = value as { name?: string; personnummer?: string };
      const pnr = p.personnummer && /^\d{12}$/.test(p.personnummer) ? `${p.personnummer.slice(0, 8)}-${p.personnummer.slice(8)}` : p.personnummer;
      return [p.name, pnr].filter(Boolean).join(', ');
    }
    if (ORG_KEYS.has(key) && typeof value === 'string') return name(value);
    if (ORE_KEYS.test(key) && typeof value === 'number') return kronor(value);
    if (typeof value === 'boolean') return value ? 'Ja' : 'Nej';
    if (key === 'alreadyReimbursedUnderMandate' && typeof value === 'object') {
      const t = value as { approvedOre?: number; paidOre?: number };
      return `godkänt ${kronor(t.approvedOre ?? 0)}, utbetalt ${kronor(t.paidOre ?? 0)}`;
    }
    if (key === 'firstApprover' && typeof value === 'object' && typeof (value as Obj).organisationCode === 'string') return name((value as Obj).organisationCode as string);
    if (key === 'mandate' && typeof value === 'object' && typeof (value as Obj).reference === 'string') return (value as Obj).reference as string;
    if (key === 'lines' && Array.isArray(value)) {
      return value.map((l) => `${(l as Obj).lineNo ?? ''}: ${(l as Obj).description ?? ''}${typeof (l as Obj).amountOre === 'number' ? `, ${kronor((l as Obj).amountOre as number)}` : ''}`).join('; ');
    }
    if (key === 'careType') return CARE_TYPE_LABELS[value as keyof typeof CARE_TYPE_LABELS] ?? String(value);
    if (key === 'receiver') return value === 'asih' ? 'ASIH' : 'Primärvården (vårdcentralen)';
    if (Array.isArray(value)) {
      if (value.length === 0) return 'Inga';
      if (value.every((v) => typeof v === 'string')) return value.map((v) => NEED_LABELS[v as string] ?? v).join(', ');
      if (key === 'informationRequests') return value.map((r) => `${(r as Obj).question ?? ''}${(r as Obj).answer ? ` – svar: ${(r as Obj).answer}` : ''}`).join('; ');
      return JSON.stringify(value);
    }
    if (typeof value === 'string' && INSTANT.test(value)) return stockholmDateTime(value);
    if (typeof value === 'string' && DATE.test(value)) return calendarDate(value);
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  const rows = Object.entries(input)
    .map(([key, value]) => [LABELS[key] ?? key, show(key, value)] as const)
    .filter((r): r is readonly [string, string] => r[1] !== null);
  if (rows.length === 0) return null;
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
