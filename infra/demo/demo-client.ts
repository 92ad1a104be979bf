/** A tiny HTTP client for demo scenarios: every call names who acts, prints the step, and checks the answer. */
export class DemoFailure extends Error {}

export interface Actor {
  /** Shown in the log, e.g. "case handler, Karolinska (KS)". */
  label: string;
  /** Bearer token of this person. */
  token: string;
}

export class DemoClient {
  private step = 0;

  constructor(private readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(
    actor: Actor,
    what: string,
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; expect: number | number[] },
  ): Promise<T> {
    this.step += 1;
    const expected = Array.isArray(options.expect) ? options.expect : [options.expect];
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${actor.token}`, ...(options.headers ?? {}) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const body = text ? (JSON.parse(text) as T) : ({} as T);
    const ok = expected.includes(res.status);
    console.log(`${String(this.step).padStart(2)}. [${actor.label}] ${what}`);
    console.log(`    ${method} ${path} → ${res.status}${ok ? '' : ` (expected ${expected.join(' or ')})`}`);
    if (!ok) throw new DemoFailure(`unexpected answer to "${what}": ${res.status} ${text.slice(0, 500)}`);
    return body;
  }

  note(line: string): void {
    console.log(`    ${line}`);
  }

  /** Polls `path` as `actor` until `found` holds (e.g. a task has reached an inbox); at most `timeoutMs`. */
  async waitFor<T>(actor: Actor, what: string, path: string, found: (body: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const started = Date.now();
    for (;;) {
      const res = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${actor.token}` }, signal: AbortSignal.timeout(timeoutMs) });
      const body = (await res.json()) as T;
      if (res.status === 200 && found(body)) return body;
      if (Date.now() - started > timeoutMs) throw new DemoFailure(`waited ${Math.round(timeoutMs / 1000)} s for ${what} (GET ${path}, last answer ${res.status}); it did not come`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Waits until `actor`'s inbox has an open task of `kind` on the case, and returns it. */
  async openTask(actor: Actor, caseId: string, kind: string): Promise<{ id: string; kind: string }> {
    const inbox = await this.waitFor<{ items: { id: string; kind: string }[] }>(actor, `"${kind}" in the inbox`, `/tasks?caseId=${caseId}&kind=${kind}&status=open`, (b) => b.items.length > 0);
    return inbox.items[0];
  }

  /** `actor` finds the open task of `kind` on the case in the inbox and completes it with `decision` (200). */
  async answerTask<T = Record<string, unknown>>(actor: Actor, caseId: string, kind: string, what: string, decision: Record<string, unknown>): Promise<T> {
    const task = await this.openTask(actor, caseId, kind);
    return this.call<T>(actor, what, 'POST', `/tasks/${task.id}/complete`, { body: { decision }, expect: 200 });
  }

  check(condition: boolean, what: string): void {
    if (!condition) throw new DemoFailure(`check failed: ${what}`);
    console.log(`    ✓ ${what}`);
  }
}
