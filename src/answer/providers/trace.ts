/**
 * Where one call to a provider is, across its attempts. A timeout or a spent
 * time budget then says what the provider had not done yet (sent response
 * headers, sent the reply, kept its stream going) instead of guessing: a
 * fetch that has not resolved may be connected and waiting for headers.
 */

/** What the attempt in flight is waiting for. */
export type AttemptPhase = 'headers' | 'reply' | 'first-data' | 'stream';

/** Why a call was stopped from outside its attempts. */
export type StopReason = 'deadline' | 'cancelled';

/** Progress of one call, written by the resilience layer and its attempts. */
export class CallTrace {
  readonly startedAt = Date.now();
  /** Attempts started so far. */
  attempts = 0;
  inFlight = false;
  phase: AttemptPhase = 'headers';
  /** When the attempt in flight entered its phase. */
  phaseSince = this.startedAt;
  lastDataAt = this.startedAt;
  /** Set when the time budget ran out or the caller went away. */
  stopped: StopReason | undefined;
  /** Message of the last attempt that failed. */
  lastFailure: string | undefined;

  beginAttempt(): void {
    this.attempts++;
    this.inFlight = true;
    this.enter('headers');
  }

  endAttempt(failure?: unknown): void {
    this.inFlight = false;
    if (failure instanceof Error) this.lastFailure = failure.message;
  }

  enter(phase: AttemptPhase): void {
    this.phase = phase;
    this.phaseSince = Date.now();
  }

  /** A network chunk arrived; the first one starts the stream phase. */
  sawData(): void {
    if (this.phase !== 'stream') this.enter('stream');
    this.lastDataAt = Date.now();
  }

  /** What the call was waiting for when its time budget ran out. */
  budgetMessage(provider: string, now = Date.now()): string {
    const spent = `time budget ran out after ${now - this.startedAt} ms`;
    if (this.attempts === 0) {
      return `${provider} was not called: ${spent} before the first attempt could start`;
    }
    if (!this.inFlight) {
      const last = this.lastFailure ?? `${provider} attempt ${this.attempts} failed`;
      return `${last}; ${spent} before attempt ${this.attempts + 1}`;
    }
    const which = this.attempts > 1 ? `attempt ${this.attempts}; ` : '';
    const waited = now - this.phaseSince;
    // A stream that trickles keep-alives never stalls, so say both how long and how quiet.
    const what = this.phase === 'stream'
      ? `${provider} stream did not finish within ${waited} ms ` +
        `(no data for the last ${now - this.lastDataAt} ms)`
      : waitMessage(provider, this.phase, waited);
    return `${what} (${which}${spent})`;
  }
}

/** What a provider failed to do within `ms`, for the phase an attempt was in. */
export function waitMessage(provider: string, phase: AttemptPhase, ms: number): string {
  switch (phase) {
    case 'headers':
      return `${provider} sent no response headers within ${ms} ms`;
    case 'reply':
      return `${provider} sent response headers but not the reply within ${ms} ms`;
    case 'first-data':
      return `${provider} sent response headers but no stream data within ${ms} ms`;
    case 'stream':
      return `${provider} stream stalled: no data for ${ms} ms`;
  }
}
