/**
 * Per user and repository: when the last command was accepted. A second command inside the cooldown
 * gets no model call (and at most one short note). Created once per app; bounded.
 */
export class CommandCooldown {
  private readonly last = new Map<string, number>();
  /** Keys already told about the cooldown in the current window, so a burst gets one note, not many. */
  private readonly told = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Accepts the command (and starts a new window) or answers how many seconds remain. */
  take(key: string, seconds: number): { ok: true } | { ok: false; remainingSeconds: number; firstRefusal: boolean } {
    if (seconds <= 0) return { ok: true };
    const at = this.now();
    const last = this.last.get(key);
    if (last !== undefined && at - last < seconds * 1000) {
      const firstRefusal = !this.told.has(key);
      this.told.add(key);
      return { ok: false, remainingSeconds: Math.ceil((seconds * 1000 - (at - last)) / 1000), firstRefusal };
    }
    this.last.delete(key);
    this.last.set(key, at);
    this.told.delete(key);
    if (this.last.size > 50_000) this.last.delete(this.last.keys().next().value!);
    if (this.told.size > 50_000) this.told.clear();
    return { ok: true };
  }

  /** Gives back the window a command took when it failed, so its retry (a redelivery or a re-run) is not refused. */
  release(key: string): void {
    this.last.delete(key);
    this.told.delete(key);
  }
}
