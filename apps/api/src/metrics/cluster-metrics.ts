import { randomUUID } from 'node:crypto';
import cluster from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';

const REQUEST = 'vardflode:metrics-request';
const ANSWER = 'vardflode:metrics-answer';

interface Message {
  type?: unknown;
  id?: string;
  text?: string;
  error?: string;
}

/**
 * In the primary of API_REPLICAS > 1: a replica serving GET /metrics asks for every replica's process-local series
 * (HTTP requests, audit appends, process), which prom-client's AggregatorRegistry collects from them and adds up. So
 * a scrape, whichever replica the port hands it to, sees the whole API, not one process's counters.
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: Message) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text }),
      (err: Error) => worker.send({ type: ANSWER, id: message.id, error: err.message }),
    );
  });
}

/** In a replica: `registry` is what this process gives the primary's aggregation. Elsewhere nothing to do. */
export function shareWithPrimary(registry: Registry): void {
  if (!cluster.isWorker) return;
  new AggregatorRegistry(); // its listener answers the primary's requests
  AggregatorRegistry.setRegistries([registry]);
}

/** `registry`'s exposition: in a replica, every replica's added up by the primary; otherwise this process's. */
export function processLocalMetrics(registry: Registry, timeoutMs = 6_000): Promise<string> {
  const send = process.send?.bind(process);
  if (!cluster.isWorker || !send) return registry.metrics();
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const onMessage = (message: Message) => {
      if (message?.type !== ANSWER || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.error !== undefined) reject(new Error(`the API's primary could not collect the replicas' metrics: ${message.error}`));
      else resolve(message.text ?? '');
    };
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error("the API's primary did not answer for the replicas' metrics"));
    }, timeoutMs);
    process.on('message', onMessage);
    send({ type: REQUEST, id });
  });
}
