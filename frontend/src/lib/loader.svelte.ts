// What a page shows while it asks the API for something: the last answer, the last refusal, and
// whether a request is on its way. An answer that arrives after a newer request is dropped, so a
// quick change of filters never shows an older list. Every page loads through one of these and
// shows its state with <LoadStatus>.
import type { Result } from '../api/client';
import type { Problem } from '../api/errors';

export class Loader<T> {
  data = $state<T | null>(null);
  problem = $state<Problem | null>(null);
  loading = $state(false);
  private latest = 0;
  private last: (() => Promise<Result<T>>) | null = null;

  async load(request: () => Promise<Result<T>>): Promise<void> {
    const ticket = ++this.latest;
    this.last = request;
    this.loading = true;
    const result = await request();
    if (ticket !== this.latest) return;
    this.show(result);
  }

  /** Forgets the last answer (another thing is being asked for); any answer on its way is dropped. */
  reset(): void {
    this.latest += 1;
    this.data = null;
    this.problem = null;
    this.loading = false;
  }

  /** Takes an answer got another way (a poll's); it wins over any request still on its way. */
  take(result: Result<T>): void {
    this.latest += 1;
    this.show(result);
  }

  private show(result: Result<T>): void {
    this.loading = false;
    if (result.ok) {
      this.data = result.data;
      this.problem = null;
    } else {
      this.problem = result.problem;
    }
  }

  /** Asks again what was asked last (after a change the page made itself). */
  async reload(): Promise<void> {
    if (this.last) await this.load(this.last);
  }
}
