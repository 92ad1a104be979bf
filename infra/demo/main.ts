/**
 * `npm run demo`: drives the running stack (`npm start`) through its HTTP API only, printing each step and
 * who acted, and exits non-zero on any unexpected answer. Each process adds its scenario here.
 */
import { loadAppConfig } from '../../libs/config/src/app-config';
import { DemoClient, DemoFailure } from './demo-client';
import { dischargeHandoverScenario } from './scenarios/discharge-handover.scenario';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const baseUrl = process.env.VARDFLODE_URL ?? `http://${config.HOST}:${config.PORT}`;
  console.log(`vardflode demo against ${baseUrl}`);
  const ready = await fetch(`${baseUrl}/health/ready`).catch(() => undefined);
  if (!ready || ready.status !== 200) {
    throw new DemoFailure(`the stack at ${baseUrl} is not ready: start it with 'npm start' first`);
  }
  const api = new DemoClient(baseUrl);
  await dischargeHandoverScenario(api);
  console.log('\ndemo finished: every answer was as expected');
}

main().catch((err: unknown) => {
  console.error(`\ndemo FAILED: ${(err as Error).message}`);
  process.exit(1);
});
