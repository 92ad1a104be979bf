import type { TaskSummary } from '../api/client';
import { MUNICIPAL_NEED_LABELS } from './case-texts';
import { CONSUMABLES, STAFF_GROUPS } from '../../../../libs/domain/src/situation-reports/report.types';
import { COST_CATEGORY_LABELS } from './finance-labels';

type TaskKind = TaskSummary['kind'];

/** What a task asks, and why (the rule behind it), in Swedish. */
export const TASK_PURPOSE: Record<TaskKind, { asked: string; why: string }> = {
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
  'discharge.register_daily_amount': {
    asked: 'Registrera Socialstyrelsens dagsbelopp för året, i kronor per dygn.',
    why: 'Betalningsansvaret räknas med årets dagsbelopp (förordning 2017:617). Det registreras, aldrig gissas.',
  },
  'reimbursement.review': {
    asked: 'Granska ersättningsanspråket: godkänn det, godkänn delvis med skäl för varje sänkt rad, avslå det eller skicka tillbaka för komplettering.',
    why: 'HSF ersätter SLSO:s faktiska merkostnader för uppdraget, och bara kostnader inom beslutets giltighetstid och tak (HDIR 20348).',
  },
  'reimbursement.second_approval': {
    asked: 'Gör andra attesten av det godkända beloppet: godkänn eller avslå.',
    why: 'Ett belopp över attestgränsen godkänns av två personer, inte av den som gjorde den första attesten.',
  },
  'reimbursement.amend': {
    asked: 'Komplettera anspråket enligt HSF:s kommentar och skicka in det igen.',
    why: 'HSF har skickat tillbaka anspråket: något saknas eller behöver rättas innan det kan granskas.',
  },
  'reimbursement.review_reminder': {
    asked: 'Granskningen av ett ersättningsanspråk förfaller snart. Kvittera att ni har sett det.',
    why: 'SLSO väntar på beslutet, och en försenad granskning eskaleras.',
  },
  'reimbursement.review_escalation': {
    asked: 'Granskningen av ett ersättningsanspråk är försenad. Se till att den blir gjord och kvittera.',
    why: 'Försenade granskningar eskaleras till samordnaren så att SLSO inte väntar i onödan.',
  },
  'reimbursement.payment': {
    asked: 'Betala ut det godkända beloppet till SLSO och ange betalningsreferens och betaldag.',
    why: 'Anspråket är godkänt. Utbetalningen bokförs mot beslutet så att dess tak och uppföljning stämmer.',
  },
  'coordination.accept_designation': {
    asked: 'Godta uppdraget som samordningsansvarig vårdcentral för området, eller avböj med skäl.',
    why: 'En vårdcentral i varje kommun och stadsdel har det geografiska ansvaret för att samordna vård och omsorg (HSN 2020-0222).',
  },
  'coordination.designate_another': {
    asked: 'Utse en annan vårdcentral för området och ange från vilket datum.',
    why: 'Den utsedda vårdcentralen avböjde uppdraget, och området behöver en samordningsansvarig vårdcentral.',
  },
  'coordination.designate_successor': {
    asked: 'Utse den vårdcentral som tar över samordningsansvaret för det nya området och ange från vilket datum.',
    why: 'Områdena har slagits samman eller delats, och varje område behöver en samordningsansvarig vårdcentral.',
  },
  'coordination.assign_slso_support': {
    asked: 'Ange SLSO:s kontaktperson för vårdcentralen och en plan för stödet.',
    why: 'SLSO stödjer och vägleder de samordningsansvariga vårdcentralerna (HSN 2020-1821).',
  },
  'coordination.name_coordinator': {
    asked: 'Ange vem som är vårdcentralens samordnare för området.',
    why: 'Kommunen och SLSO behöver veta vem de samordnar med.',
  },
  'coordination.confirm_municipal_contact': {
    asked: 'Ange kommunens kontaktperson för samordningen.',
    why: 'Varje kommun utser sin egen motpart; kommunen bekräftar sedan kontakten.',
  },
  'coordination.municipality_confirms_contact': {
    asked: 'Bekräfta att kontaktpersonen som vårdcentralen angett är kommunens kontakt för samordningen.',
    why: 'Samordningen bygger på en kontakt som båda parter står bakom.',
  },
  'coordination.first_local_meeting': {
    asked: 'Ange när det första lokala samverkansmötet hölls.',
    why: 'Uppstarten av samordningen är klar först när parterna i området har träffats.',
  },
  'coordination.join_subregional': {
    asked: 'Ange när ni gick med i den delregionala samverkan.',
    why: 'Överenskommelsen innebär att SLSO deltar i delregional samverkan (HSN 2020-1821).',
  },
  'coordination.onboarding_escalation': {
    asked: 'Ett steg i uppstarten av samordningen är försenat. Se till att det blir gjort och kvittera.',
    why: 'SLSO följer upp att varje område kommer i gång.',
  },
  'coordination.annual_follow_up': {
    asked: 'Följ upp samordningen i området och kvittera, gärna med en anteckning.',
    why: 'SLSO följer upp varje aktivt område en gång om året.',
  },
  'agreement.register_lpik': {
    asked: 'Registrera LPIK exklusive läkemedel för året, i procent.',
    why: 'SLSO:s ersättning enligt överenskommelsen räknas upp varje år med 70 % av LPIK exklusive läkemedel.',
  },
  'agreement.payment': {
    asked: 'Betala ut delbetalningen enligt överenskommelsen och ange betalningsreferens och betaldag.',
    why: 'Överenskommelsen mellan HSN och SLSO ger SLSO en årlig ersättning för stödet till vårdcentralerna.',
  },
  'situation_report.report': {
    asked: 'Rapportera veckans lägesbild: personalfrånvaro i procent per personalgrupp och, för en kommun, lager av skyddsutrustning i dagar; för en region även inneliggande med covid-19 och IVA-platser.',
    why: 'Socialstyrelsen sammanställer en lägesbild per län och för landet varje vecka. Rapporten kan korrigeras till stoppdagen och revideras efter den.',
  },
  'situation_report.reminder': {
    asked: 'Veckans lägesbild är inte rapporterad och förfaller snart. Kvittera att ni har sett det.',
    why: 'En rapport som saknas vid stoppdagen syns som saknad i lägesbilden.',
  },
  'situation_report.escalation': {
    asked: 'Er organisations lägesbild är försenad. Se till att den blir rapporterad och kvittera.',
    why: 'En försenad rapport eskaleras till samordnaren så att lägesbilden blir komplett.',
  },
  'situation_report.shortage': {
    asked: 'En kommun i länet har rapporterat brist på skyddsutrustning. Ange vad länsstyrelsen gör: omfördelar, beställer via den nationella inköpsfunktionen eller inget.',
    why: 'Brist under tröskeln (normalt 7 dagars lager) går till länsstyrelsen i kommunens län, som svarar kommunen.',
  },
  'situation_report.shortage_answered': {
    asked: 'Länsstyrelsen har svarat på er rapporterade brist. Läs svaret och kvittera.',
    why: 'Kommunen ska veta vad som görs åt bristen.',
  },
  'situation_report.picture_published': {
    asked: 'Veckans lägesbild är publicerad. Läs den under Lägesbild och kvittera.',
    why: 'Alla som rapporterat får lägesbilden för sitt län och för landet.',
  },
  'transfer.matching': {
    asked: 'Välj vilka regioner som ska få erbjudande om att ta emot patienterna, utifrån förslaget.',
    why: 'Socialstyrelsen samordnar överflyttningar mellan regioner när en region inte har plats (seed 003).',
  },
  'transfer.offer': {
    asked: 'Svara om er region kan ta emot patienterna: acceptera eller avböj.',
    why: 'Den första regionen som accepterar tar emot; erbjudandet gäller en begränsad tid.',
  },
  'transfer.duty_officer': {
    asked: 'Ingen region har tagit emot patienterna. Besluta om fortsättningen.',
    why: 'En överflyttning som ingen region tar emot eskaleras till tjänsteman i beredskap.',
  },
  'transfer.transport': {
    asked: 'Ordna transporten av patienterna till den mottagande regionen.',
    why: 'Platsen är reserverad tills transporten är gjord eller har misslyckats.',
  },
  'transfer.departure': {
    asked: 'Bekräfta att patienterna har rest.',
    why: 'Den mottagande regionen förbereder ankomsten.',
  },
  'transfer.arrival': {
    asked: 'Bekräfta att patienterna har kommit fram.',
    why: 'Överflyttningen är klar först när patienterna har kommit fram och skrivits in.',
  },
  'transfer.admission': {
    asked: 'Bekräfta att patienterna är inskrivna hos er.',
    why: 'Inskrivningen avslutar överflyttningen och frigör reservationen.',
  },
  'reinforcement.allocate': {
    asked: 'Fördela den nationella förstärkningen som en region har begärt.',
    why: 'Socialstyrelsen förstärker vid behov regionernas kapacitet (seed 003).',
  },
  case_data_fault: {
    asked: 'Ärendets uppgifter går inte att använda. Rätta dem eller kontakta förvaltningen, och kvittera.',
    why: 'Ärendet kan inte gå vidare förrän felet är åtgärdat.',
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
  'reimbursement.review:decision': 'Beslut',
  'reimbursement.review:lines': 'Beslut per kostnadsrad',
  'reimbursement.review:reason': 'Skäl',
  'reimbursement.review:comment': 'Vad ska kompletteras',
  'reimbursement.second_approval:decision': 'Beslut',
  'reimbursement.second_approval:reason': 'Skäl (valfritt)',
  'reimbursement.amend:lines': 'Kostnadsrader',
  'reimbursement.amend:comment': 'Kommentar till HSF',
  paymentReference: 'Betalningsreferens',
  paidOn: 'Betaldag',
  lineNo: 'Rad',
  date: 'Datum',
  category: 'Kategori',
  description: 'Beskrivning',
  documentRef: 'Underlag (referens)',
  amountOre: 'Belopp (kr)',
  'discharge.register_daily_amount:amountOre': 'Dagsbelopp (kr)',
  approvedOre: 'Godkänt belopp (kr)',
  accept: 'Vi godtar uppdraget',
  'coordination.accept_designation:reason': 'Skäl (om ni avböjer)',
  vardcentralCode: 'Vårdcentral',
  startDate: 'Från och med',
  contactName: 'Kontaktperson',
  guidancePlan: 'Plan för stödet',
  'coordination.name_coordinator:name': 'Samordnare (namn och befattning)',
  municipalContactName: 'Kommunens kontaktperson',
  confirmed: 'Vi bekräftar kontakten',
  heldOn: 'Mötet hölls',
  joinedOn: 'Med i delregional samverkan från',
  note: 'Anteckning (valfri)',
  percentHundredths: 'LPIK (hundradels procent, 2,6 % = 260)',
  staffAbsencePercent: 'Personalfrånvaro (procent, en decimal)',
  nurses: 'Sjuksköterskor',
  care_staff: 'Undersköterskor och vårdbiträden',
  other_staff: 'Övrig personal',
  stockDays: 'Lager av skyddsutrustning (dagar)',
  nitrile_gloves: 'Nitrilhandskar',
  other_gloves: 'Andra handskar',
  surgical_masks: 'Munskydd',
  ffp_respirators: 'FFP2/FFP3-andningsskydd',
  visors: 'Visir',
  aprons: 'Förkläden',
  hand_disinfectant: 'Handdesinfektion',
  covidInpatients: 'Inneliggande med covid-19',
  icuBeds: 'IVA-platser',
  icuBedsOccupied: 'Belagda IVA-platser',
  'situation_report.shortage:action': 'Åtgärd',
};

/**
 * Fields in the order people read them, where the stored schema's order is PostgreSQL's (jsonb sorts keys by length):
 * a situation report's counts, then absence per staff group, then stock per consumable (report.types' own order).
 */
const FIELD_ORDER: readonly string[] = ['covidInpatients', 'icuBeds', 'icuBedsOccupied', 'staffAbsencePercent', 'stockDays', ...STAFF_GROUPS, ...CONSUMABLES];

/** Sorts field names by FIELD_ORDER; names it does not know keep their order, after the ones it knows. */
export function fieldOrder(keys: string[]): string[] {
  const rank = (k: string) => (FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length);
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

export function fieldLabel(kind: string, path: string, title?: string): string {
  const name = path.split('.').pop() ?? path;
  return FIELD_LABELS[`${kind}:${path}`] ?? FIELD_LABELS[path] ?? FIELD_LABELS[name] ?? title ?? name;
}

/** Swedish names of enum values in answers. */
export const ENUM_LABELS: Record<string, string> = {
  granted: 'Insatser beviljas',
  not_needed: 'Inga insatser behövs',
  more_information_requested: 'Begär mer information från sjukhuset',
  approve: 'Godkänn',
  approve_in_part: 'Godkänn delvis',
  reject: 'Avslå',
  send_back: 'Skicka tillbaka för komplettering',
  redistributed: 'Omfördelat inom länet',
  national_purchasing: 'Beställt via den nationella inköpsfunktionen',
  none: 'Ingen åtgärd',
  ...COST_CATEGORY_LABELS,
  ...MUNICIPAL_NEED_LABELS,
};

export const enumLabel = (value: string) => ENUM_LABELS[value] ?? value;
