import { randomUUID } from 'node:crypto';
import { SITUATION_TASK_KINDS as KIND } from '../../../libs/contracts/src/situation-report.contract';
import { reportedWeekAt } from '../../../libs/domain/src/situation-reports/calendar';
import type { SituationPicture } from '../../../libs/domain/src/situation-reports/report.types';
import type { Actor, DemoClient } from '../demo-client';

export interface SituationReportActors {
  socialstyrelsen: Actor;
  countyBoard: Actor;
  /** Södertälje (0181), short of nitrile gloves. */
  sodertalje: Actor;
  /** Nacka (0182), which corrects its report before the cut-off. */
  nacka: Actor;
  /** Region Stockholm (01). */
  region: Actor;
}

interface Task {
  id: string;
  kind: string;
}

/** Seconds from the round's start to its reminder, due time and cut-off: the demo waits for the cut-off. */
const REMIND_S = 10;
const DUE_S = 13;
const CUTOFF_S = 15;

const municipal = (absence: [number, number, number], stock: number, nitrileGloves = stock) => ({
  staffAbsencePercent: { nurses: absence[0], care_staff: absence[1], other_staff: absence[2] },
  stockDays: { nitrile_gloves: nitrileGloves, other_gloves: stock, surgical_masks: stock, ffp_respirators: stock, visors: stock, aprons: stock, hand_disinfectant: stock },
});

async function openTask(api: DemoClient, actor: Actor, roundId: string, kind: string): Promise<Task> {
  const inbox = await api.waitFor<{ items: Task[] }>(actor, `"${kind}" in the inbox`, `/tasks?caseId=${roundId}&kind=${kind}&status=open`, (b) => b.items.length > 0);
  return inbox.items[0];
}

async function answer(api: DemoClient, actor: Actor, roundId: string, kind: string, what: string, decision: Record<string, unknown>) {
  const task = await openTask(api, actor, roundId, kind);
  await api.call(actor, what, 'POST', `/tasks/${task.id}/complete`, { body: { decision }, expect: 200 });
}

/**
 * An extra round of situation reports (lägesbilder) with short times: two municipalities and Region Stockholm
 * report, a shortage of nitrile gloves reaches Länsstyrelsen and its answer comes back, one report is corrected
 * before the cut-off, the picture is published at the cut-off and a revision after it raises its version.
 */
export async function situationReportScenario(api: DemoClient, who: SituationReportActors): Promise<void> {
  console.log('\n== Situation reports: a round, a shortage to Länsstyrelsen, the picture at the cut-off ==');
  const now = Date.now();
  const at = (s: number) => new Date(now + s * 1000).toISOString();
  const week = reportedWeekAt(new Date(now).toISOString());
  const round = await api.call<{ roundId: string; participants: number; cutoffAt: string }>(
    who.socialstyrelsen, `starts an extra round for ${week}: Södertälje, Nacka and Region Stockholm, cut-off in ${CUTOFF_S} s`, 'POST', '/situation-reports/rounds', {
      headers: { 'Idempotency-Key': `demo-round-${randomUUID()}` },
      body: { week, participants: ['0181', '0182', '01'], remindAt: at(REMIND_S), dueAt: at(DUE_S), cutoffAt: at(CUTOFF_S) },
      expect: 201,
    });
  const { roundId } = round;
  api.note(`round ${roundId}, ${round.participants} participants, cut-off ${round.cutoffAt}`);

  // Södertälje: nitrile gloves for 4 days, under the 7-day threshold; everything else for 30.
  await answer(api, who.sodertalje, roundId, KIND.report, 'reports staff absence and stock: nitrile gloves for 4 days', municipal([8, 12.5, 4], 30, 4));
  const shortage = await openTask(api, who.countyBoard, roundId, KIND.shortage);
  const need = await api.call<{ input: { municipality: string; item: string; daysLeft: number; thresholdDays: number } }>(who.countyBoard, 'opens the shortage task in its inbox', 'GET', `/tasks/${shortage.id}`, { expect: 200 });
  api.check(need.input.municipality === '0181' && need.input.item === 'nitrile_gloves', `the shortage: ${need.input.item} in ${need.input.municipality}, ${need.input.daysLeft} days left (threshold ${need.input.thresholdDays})`);
  await api.call(who.countyBoard, 'answers: redistributed from another municipality', 'POST', `/tasks/${shortage.id}/complete`, {
    body: { decision: { action: 'redistributed', comment: 'Omfördelat från Nacka, levereras i morgon' } },
    expect: 200,
  });
  const answered = await openTask(api, who.sodertalje, roundId, KIND.shortageAnswered);
  const told = await api.call<{ input: { action: string; countyBoard: string } }>(who.sodertalje, 'opens the answer notice', 'GET', `/tasks/${answered.id}`, { expect: 200 });
  api.check(told.input.action === 'redistributed' && told.input.countyBoard === 'LST-01', `Länsstyrelsen (${told.input.countyBoard}) answered: ${told.input.action}`);
  await api.call(who.sodertalje, 'acknowledges the answer', 'POST', `/tasks/${answered.id}/complete`, { body: { decision: { acknowledged: true } }, expect: 200 });

  // Nacka reports, then corrects its report before the cut-off.
  await answer(api, who.nacka, roundId, KIND.report, 'reports: stock for 20 days', municipal([6, 9, 3], 20));
  const corrected = await api.call<{ revisions: { revision: number; afterClose: boolean }[] }>(who.nacka, 'corrects its report: absence and stock recounted', 'POST', `/situation-reports/rounds/${roundId}/reports`, {
    body: { figures: municipal([7, 10.5, 3], 25) },
    expect: 200,
  });
  api.check(corrected.revisions.length === 2 && !corrected.revisions[1].afterClose, 'Nacka’s correction is revision 2, before the cut-off');

  await answer(api, who.region, roundId, KIND.report, 'reports 42 COVID-19 in-patients, 72 of 90 intensive-care beds occupied', {
    covidInpatients: 42,
    icuBeds: 90,
    icuBedsOccupied: 72,
    staffAbsencePercent: { nurses: 5.5, care_staff: 7, other_staff: 3 },
  });
  await api.call(who.socialstyrelsen, 'asks for the picture before the cut-off', 'GET', `/situation-reports/rounds/${roundId}/picture`, { expect: 409 });
  api.check(Date.now() < Date.parse(round.cutoffAt), 'every report arrived before the cut-off');

  // At the cut-off the picture is published.
  api.note(`waiting for the cut-off (${Math.max(0, Math.ceil((Date.parse(round.cutoffAt) - Date.now()) / 1000))} s)…`);
  await api.waitFor<SituationPicture>(who.socialstyrelsen, 'the published picture', `/situation-reports/rounds/${roundId}/picture`, () => true, (CUTOFF_S + 20) * 1000);
  const picture = await api.call<SituationPicture>(who.socialstyrelsen, 'reads the published picture', 'GET', `/situation-reports/rounds/${roundId}/picture`, { expect: 200 });
  const n = picture.nation;
  api.check(picture.version === 1 && n.municipalities.reported === 2 && n.regions.reported === 1, `version 1: 2 of 2 municipalities and 1 of 1 region reported`);
  // By hand: nurses 8 and 7 (Nacka corrected) → median 7.5; care staff 12.5 and 10.5 → 11.5.
  api.check(n.municipalStaffAbsence.nurses.median === 7.5 && n.municipalStaffAbsence.care_staff.median === 11.5, 'municipal absence medians: nurses 7.5 %, care staff 11.5 % (8 and 7; 12.5 and 10.5)');
  // Nitrile gloves 4 and 25 → median 14.5, one under the threshold.
  const gloves = n.stockDays.nitrile_gloves;
  api.check(gloves.median === 14.5 && gloves.min === 4 && gloves.belowThreshold === 1, 'nitrile gloves: median 14.5 days (4 and 25), 1 municipality under 7 days');
  // 72 of 90 intensive-care beds: 18 free, 80.0 %.
  api.check(n.icu.free === 18 && n.icu.occupancyPercent === 80 && n.covidInpatients.sum === 42, 'intensive care: 72 of 90 beds occupied, 18 free, 80 %; 42 COVID-19 in-patients');
  const nacka = picture.organisations.find((o) => o.organisationCode === '0182');
  api.check(picture.organisations.every((o) => o.standing === 'on_time') && nacka?.corrected === true, 'all three on time; Nacka marked as corrected');
  await openTask(api, who.region, roundId, KIND.picturePublished);
  api.note('every participant has the picture as a notice in its inbox');

  // After the redistribution Södertälje revises its gloves: a revision of the published picture.
  const revised = await api.call<{ revisions: { revision: number; afterClose: boolean }[] }>(who.sodertalje, 'revises its report after the cut-off: nitrile gloves now for 12 days', 'POST', `/situation-reports/rounds/${roundId}/reports`, {
    headers: { 'Idempotency-Key': `demo-revise-${randomUUID()}` },
    body: { figures: municipal([8, 12.5, 4], 30, 12) },
    expect: 200,
  });
  api.check(revised.revisions[revised.revisions.length - 1].afterClose, 'accepted as a revision after the cut-off');
  const second = await api.waitFor<SituationPicture>(who.socialstyrelsen, 'version 2 of the picture', `/situation-reports/rounds/${roundId}/picture`, (p) => p.version >= 2);
  const gloves2 = second.nation.stockDays.nitrile_gloves;
  api.check(second.version === 2 && gloves2.median === 18.5 && gloves2.belowThreshold === 0, 'version 2: nitrile gloves median 18.5 days (12 and 25), none under 7 days');
  api.check(second.nation.municipalities.revised.join() === '0181', 'the picture says Södertälje revised its report');
}
