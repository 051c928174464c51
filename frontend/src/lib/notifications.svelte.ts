// The caller's notifications: the unread count the header's bell shows, kept fresh while the
// app is open (on each page change and every minute), and the words for each kind.
import { api, call } from '../api/client';
import type { components } from '../api/schema';

export type Notification = components['schemas']['NotificationOut'];
export type NotificationKind = Notification['kind'];

const EVERY_MS = 60_000;

class Unread {
  count = $state(0);
  private timer: ReturnType<typeof setInterval> | null = null;
  private latest = 0; // an answer older than the latest change is dropped

  /** The count an action (marking read) just got back: newer than any refresh still on its way. */
  set(count: number): void {
    this.latest += 1;
    this.count = count;
  }

  async refresh(): Promise<void> {
    const ticket = ++this.latest;
    const result = await call(() => api.GET('/api/notifications', { params: { query: { page_size: 1 } } }), {
      quiet401: true,
    });
    if (result.ok && ticket === this.latest) this.count = result.data.unread;
  }

  start(): () => void {
    void this.refresh();
    this.timer ??= setInterval(() => void this.refresh(), EVERY_MS);
    return () => {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    };
  }
}

export const unread = new Unread();
