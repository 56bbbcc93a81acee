/** What the signal handler needs of a process: tests pass an EventEmitter. */
export interface SignalSource {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

export interface ShutdownTarget {
  /** Stops intake, gives running jobs `graceMs`, logs each abandoned job (RunningServer.stop). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * SIGTERM / SIGINT: stop taking webhooks, let running jobs finish within `graceMs` (abandoned ones are
 * logged one line each by the queue), then exit: 0 after a clean stop, 1 when stopping failed.
 */
export function shutdownOnSignal(
  source: SignalSource,
  target: ShutdownTarget,
  log: { info(message: string): void; error(message: string): void },
  exit: (code: number) => void,
  graceMs?: number,
): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping intake, finishing running jobs`);
    target.stop(graceMs).then(
      () => exit(0),
      (error: unknown) => {
        log.error(`${signal}: shutdown failed: ${(error as Error)?.message ?? String(error)}`);
        exit(1);
      },
    );
  };
  source.once('SIGTERM', () => shutdown('SIGTERM'));
  source.once('SIGINT', () => shutdown('SIGINT'));
}
