/** Removes the run's web app build, and stops the shared stack (a no-op when the integration tier's teardown has stopped it already). */
import sharedGlobalTeardown from '../../support/global-teardown';
import { removeBuiltWebApp } from './web-app';

export default async function globalTeardown(): Promise<void> {
  removeBuiltWebApp();
  await sharedGlobalTeardown();
}
