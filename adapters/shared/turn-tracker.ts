/**
 * Work an adapter does after it has answered the platform (Slack's 3-second ack,
 * Teams' invoke budget) must still finish on shutdown, and tests must be able to
 * wait for it without sleeping. Both adapters track their turns with this.
 */

/** Why: keeps every turn's promise so stop() can finish in-flight work and tests can wait without sleeping. */
export class TurnTracker {
  private readonly pending = new Set<Promise<unknown>>();

  /** Why: registers work, including work that outlives the HTTP response. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Why: resolves once no turn is in flight (turns started meanwhile are waited for too), or at the deadline. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...this.pending]), late]);
      clearTimeout(timer);
    }
  }
}
