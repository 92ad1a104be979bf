/** Stops the shared stack (a no-op when the integration tier's teardown has stopped it already). */
export { default } from '../../support/global-teardown';
