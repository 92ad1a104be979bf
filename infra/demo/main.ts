/**
 * `npm run demo`: drives the running stack (`npm start`) through its HTTP API only, acting as the people of each
 * organisation (tokens from the development issuer), printing each step and who acted, and exiting non-zero on
 * any unexpected answer. Each process adds its scenario here.
 */
import { signDevToken } from '../../libs/auth/src/dev-issuer';
import type { Role } from '../../libs/auth/src/principal';
import { loadAppConfig } from '../../libs/config/src/app-config';
import { Actor, DemoClient, DemoFailure } from './demo-client';
import { dischargeHandoverScenario } from './scenarios/discharge-handover.scenario';
import { coordinationScenario } from './scenarios/coordination.scenario';
import { reimbursementScenario } from './scenarios/reimbursement.scenario';
import { situationReportScenario } from './scenarios/situation-report.scenario';
import { transferScenario } from './scenarios/transfer.scenario';

async function main(): Promise<void> {
  const config = loadAppConfig();
  if (!config.devIssuerEnabled) throw new DemoFailure('the demo signs its tokens with the development issuer, which is off here');
  const baseUrl = process.env.VARDFLODE_URL ?? `http://${config.HOST}:${config.PORT}`;
  console.log(`vardflode demo against ${baseUrl}`);
  const ready = await fetch(`${baseUrl}/health/ready`).catch(() => undefined);
  if (!ready || ready.status !== 200) {
    throw new DemoFailure(`the stack at ${baseUrl} is not ready: start it with 'npm start' first`);
  }
  const person = async (label: string, org: string, role: Role, personId: string): Promise<Actor> => ({
    label: `${label} (${org})`,
    token: await signDevToken(config.DATA_DIR, { organisationCode: org, roles: [role], personId, name: label, audience: config.AUTH_AUDIENCE }),
  });
  const api = new DemoClient(baseUrl);
  await dischargeHandoverScenario(api, {
    hospital: await person('Karin, case handler at Karolinska Solna', 'KS', 'case_handler', 'karin.ks'),
    municipality: await person('Maja, needs assessor in Ekerö', '0125', 'case_handler', 'maja.ekero'),
    otherMunicipality: await person('Hugo, needs assessor in Huddinge', '0126', 'case_handler', 'hugo.huddinge'),
    vardcentral: await person('Viktor, nurse at Ekerö vårdcentral', 'VC-EKERO', 'case_handler', 'viktor.vc-ekero'),
    asih: await person('Anders, physician at ASIH Stockholm Norr', 'ASIH-NORR', 'case_handler', 'anders.asih-norr'),
  });
  await reimbursementScenario(api, {
    slso: await person('Sara, SLSO controller', 'SLSO', 'case_handler', 'sara.slso'),
    approver: await person('Harald, HSF approver', 'HSF', 'approver', 'harald.hsf'),
    finance: await person('Fia, HSF finance', 'HSF-FIN', 'finance', 'fia.hsf-fin'),
    admin: await person('Adam, keeper of HSF’s register of mandates', 'HSF', 'register_admin', 'adam.hsf'),
  });
  await coordinationScenario(api, {
    hsn: await person('Helena, HSN approver', 'HSN', 'approver', 'helena.hsn'),
    slso: await person('Stina, SLSO support', 'SLSO', 'case_handler', 'stina.slso'),
    slsoApprover: await person('Sven, SLSO director', 'SLSO', 'approver', 'sven.slso'),
    hsfAdmin: await person('Rut, registers HSF’s reference data', 'HSF', 'reference_admin', 'rut.hsf'),
    finance: await person('Fia, HSF finance', 'HSF-FIN', 'finance', 'fia.hsf-fin'),
    vardcentral: await person('Vera, Solna vårdcentral', 'VC-SOLNA', 'case_handler', 'vera.vc-solna'),
    vardcentralCode: 'VC-SOLNA',
    municipality: (code) => person(`Mats, contact in ${code}`, code, 'case_handler', `mats.${code.toLowerCase()}`),
  });
  await situationReportScenario(api, {
    socialstyrelsen: await person('Sofia, coordinator at Socialstyrelsen', 'SOCIALSTYRELSEN', 'coordinator', 'sofia.socialstyrelsen'),
    countyBoard: await person('Lars, preparedness officer at Länsstyrelsen i Stockholms län', 'LST-01', 'case_handler', 'lars.lst-01'),
    sodertalje: await person('Sanna, reporter in Södertälje', '0181', 'case_handler', 'sanna.sodertalje'),
    nacka: await person('Nils, reporter in Nacka', '0182', 'case_handler', 'nils.nacka'),
    region: await person('Rebecka, reporter at Region Stockholm', '01', 'case_handler', 'rebecka.region-stockholm'),
  });
  await transferScenario(api, {
    socialstyrelsen: await person('Sofia, coordinator at Socialstyrelsen', 'SOCIALSTYRELSEN', 'coordinator', 'sofia.socialstyrelsen'),
    jonkoping: await person('Johan, transfer coordinator at Region Jönköpings län', '06', 'coordinator', 'johan.rjl'),
    ostergotland: await person('Olivia, transfer coordinator at Region Östergötland', '05', 'coordinator', 'olivia.rog'),
    kalmar: await person('Karl, transfer coordinator at Region Kalmar län', '08', 'coordinator', 'karl.rkl'),
    skane: await person('Sara, transfer coordinator at Region Skåne', '12', 'coordinator', 'sara.skane'),
  });
  console.log('\ndemo finished: every answer was as expected');
}

main().catch((err: unknown) => {
  console.error(`\ndemo FAILED: ${(err as Error).message}`);
  process.exit(1);
});
