/**
 * Measurement aid that `npm run bench:engine` preloads (`node --expose-gc -r …`) into the worker it measures,
 * so that a memory reading follows a full garbage collection in every V8 isolate of the process, not the
 * timing of the last one: on the IPC message `bench:gc` the main thread collects and tells every worker thread
 * (the Temporal SDK runs workflows in one) to collect too. Changes nothing else in the process.
 */
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

export const GC_MESSAGE = 'bench:gc';

const gc = (globalThis as { gc?: () => void }).gc;
const threads = new BroadcastChannel('vardflode-bench-gc');

if (isMainThread) {
  process.on('message', (message) => {
    if (message !== GC_MESSAGE) return;
    threads.postMessage(GC_MESSAGE);
    gc?.();
  });
} else {
  threads.onmessage = () => gc?.();
}
threads.unref(); // never keeps a thread or the process alive
