import type { TaskSummary } from '../api/client';
import { MUNICIPAL_NEED_LABELS } from './case-texts';

type TaskKind = TaskSummary['kind'];

/** What a task asks, and why (the rule behind it), in Swedish. */
export const TASK_PURPOSE: Partial<Record<TaskKind, { asked: string; why: string }>> = {
  'discharge.acknowledge_notice': {
    asked: 'Kvittera att ni har tagit emot inskrivningsmeddelandet.',
    why: 'Sjukhuset har meddelat att patienten kan behöva insatser efter utskrivningen (lag 2017:612). Kvittensen visar att planeringen har börjat hos er.',
  },
  'discharge.appoint_fast_vardkontakt': {
    asked: 'Utse patientens fasta vårdkontakt i primärvården.',
    why: 'Den fasta vårdkontakten samordnar patientens insatser efter utskrivningen och kallar till SIP vid behov.',
  },
  'discharge.needs_assessment': {
    asked: 'Besluta om kommunens insatser, eller begär mer information från sjukhuset först.',
    why: 'Kommunen behöver ha beslutat om sina insatser innan patienten kan skrivas ut.',
  },
  'discharge.provide_information': {
    asked: 'Svara på kommunens fråga om patienten.',
    why: 'Kommunen behöver svaret för att kunna besluta om insatser.',
  },
  'discharge.acknowledge_ready': {
    asked: 'Kvittera att patienten är utskrivningsklar.',
    why: 'Den behandlande läkaren har bedömt patienten utskrivningsklar. Tiden för betalningsansvar räknas från meddelandet.',
  },
  'discharge.call_sip': {
    asked: 'Kalla till samordnad individuell plan (SIP) och ange planerat datum.',
    why: 'Patienten behöver insatser både från kommunen och regionen, så en SIP ska kallas till inom tre dagar från meddelandet.',
  },
  'discharge.takeover_medical_responsibility': {
    asked: 'Bekräfta att ni tar över det medicinska ansvaret när patienten skrivs ut.',
    why: 'Ingen patient byter vårdform utan att någon har tagit över det medicinska ansvaret.',
  },
  'discharge.escalation': {
    asked: 'En uppgift i ärendet är försenad. Kvittera att ni har sett det.',
    why: 'Försenade steg eskaleras så att patienten inte blir kvar i onödan.',
  },
  'finance.invoice_payment_liability': {
    asked: 'Fakturera kommunen för betalningsansvaret och ange fakturans referens.',
    why: 'Patienten låg kvar efter att ha varit utskrivningsklar längre än kommunens tid.',
  },
};

/**
 * Swedish labels of answer fields, keyed by task kind and field path (`discharge.call_sip:plannedSipDate`), then by
 * field name alone; a field neither names falls back to the schema's `title`, then to its name.
 */
const FIELD_LABELS: Record<string, string> = {
  acknowledged: 'Jag kvitterar',
  comment: 'Kommentar (valfri)',
  'discharge.appoint_fast_vardkontakt:name': 'Fast vårdkontakt (namn och befattning)',
  'discharge.appoint_fast_vardkontakt:phone': 'Telefon (valfritt)',
  'discharge.needs_assessment:outcome': 'Beslut',
  'discharge.needs_assessment:services': 'Beviljade insatser',
  'discharge.needs_assessment:startDate': 'Insatserna börjar',
  'discharge.needs_assessment:question': 'Fråga till sjukhuset',
  'discharge.provide_information:information': 'Svar till kommunen',
  'discharge.call_sip:plannedSipDate': 'Planerat datum för SIP',
  'discharge.takeover_medical_responsibility:acknowledged': 'Vi tar över det medicinska ansvaret',
  'discharge.takeover_medical_responsibility:responsiblePhysician': 'Ansvarig läkare (valfritt)',
  'finance.invoice_payment_liability:invoiceReference': 'Fakturareferens',
  amountOre: 'Belopp i öre',
};

export function fieldLabel(kind: string, path: string, title?: string): string {
  const name = path.split('.').pop() ?? path;
  return FIELD_LABELS[`${kind}:${path}`] ?? FIELD_LABELS[path] ?? FIELD_LABELS[name] ?? title ?? name;
}

/** Swedish names of enum values in answers. */
export const ENUM_LABELS: Record<string, string> = {
  granted: 'Insatser beviljas',
  not_needed: 'Inga insatser behövs',
  more_information_requested: 'Begär mer information från sjukhuset',
  ...MUNICIPAL_NEED_LABELS,
};

export const enumLabel = (value: string) => ENUM_LABELS[value] ?? value;
