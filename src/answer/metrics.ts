/**
 * Prometheus metrics of the answer stage: answers by mode and outcome,
 * degradations by reason, latency, and each provider's circuit breaker
 * state (0 closed, 1 open, 2 half-open, 3 isolated), read at scrape time.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { AnswerProvider, AnswerResponse, CircuitStateName } from './types.js';

const STATE_VALUES: Record<CircuitStateName, number> = {
  closed: 0,
  open: 1,
  'half-open': 2,
  isolated: 3,
};

export interface AnswerMetrics {
  /** Records one finished answer. */
  observe(response: AnswerResponse): void;
}

interface Instruments {
  answers: Counter<'mode' | 'outcome'>;
  degraded: Counter<'reason'>;
  duration: Histogram<'mode'>;
  providers: Set<AnswerProvider>;
}

// Several apps (tests, cluster workers) may share one registry; metrics are
// registered once per registry and every provider shows up in the gauge.
const byRegistry = new WeakMap<Registry, Instruments>();

function instrumentsFor(registry: Registry): Instruments {
  const known = byRegistry.get(registry);
  if (known !== undefined) return known;

  const providers = new Set<AnswerProvider>();
  new Gauge({
    name: 'lexhop_llm_circuit_state',
    help: 'Circuit breaker state per provider: 0 closed, 1 open, 2 half-open, 3 isolated',
    labelNames: ['provider'] as const,
    registers: [registry],
    collect(): void {
      this.reset();
      for (const provider of providers) {
        const state = provider.circuitState?.();
        if (state !== undefined) {
          this.set({ provider: `${provider.name}/${provider.model}` }, STATE_VALUES[state]);
        }
      }
    },
  });
  const instruments: Instruments = {
    providers,
    answers: new Counter({
      name: 'lexhop_answers_total',
      help: 'Answers by mode (llm, extractive) and outcome (answered, unsupported, degraded)',
      labelNames: ['mode', 'outcome'] as const,
      registers: [registry],
    }),
    degraded: new Counter({
      name: 'lexhop_answer_degraded_total',
      help: 'Answers that fell back to extractive because the provider failed, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'lexhop_answer_duration_seconds',
      help: 'Answer latency by mode',
      labelNames: ['mode'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
  byRegistry.set(registry, instruments);
  return instruments;
}

/** Registers the answer metrics in `registry` (once) and tracks `provider`'s circuit. */
export function answerMetrics(registry: Registry, provider?: AnswerProvider): AnswerMetrics {
  const instruments = instrumentsFor(registry);
  if (provider !== undefined) instruments.providers.add(provider);
  return {
    observe(response) {
      const outcome = response.flags.degraded !== undefined
        ? 'degraded'
        : response.flags.unsupported ? 'unsupported' : 'answered';
      instruments.answers.inc({ mode: response.mode, outcome });
      if (response.flags.degraded !== undefined) {
        instruments.degraded.inc({ reason: response.flags.degraded.reason });
      }
      instruments.duration.observe({ mode: response.mode }, response.tookMs / 1000);
    },
  };
}
