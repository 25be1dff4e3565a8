import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, SimpleSpanProcessor, TraceIdRatioBasedSampler, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { GatewayConfig } from '../config';

/** The instrumentation scope of the gateway's own spans (requests). */
export const GATEWAY_TRACER = 'lienthong/gateway';

/** A running tracer provider, registered with the OpenTelemetry API for the whole process. */
export interface Telemetry {
  readonly tracer: Tracer;
  /** Exports the spans still buffered, then unregisters the provider, the propagator and the context manager. */
  shutdown(): Promise<void>;
}

export interface StartTelemetryOptions {
  config: GatewayConfig['telemetry'];
  /**
   * Where spans go instead of OTLP, each as it ends (a test's in-memory exporter).
   * @default an OTLP/HTTP exporter to `config.otlpUrl`, batched
   */
  exporter?: SpanExporter;
}

/**
 * Starts tracing when `telemetry.enabled`: a Node tracer provider (resource
 * `service.name`, parent-based sampling at `sampleRatio` for new traces), an OTLP/HTTP
 * exporter behind a batching processor, and, registered with the OpenTelemetry API, the
 * provider, the W3C trace-context propagator and the AsyncLocalStorage context manager,
 * which are what carry a request's span to the upstream calls it makes
 * (`connectors/kit/trace-upstream.ts`).
 *
 * Returns null when telemetry is off, having registered nothing: the API's no-op stays in
 * place and requests and upstream calls pay only a no-op span each. The registration is
 * global to the process: one gateway per process traces (what `npm start` runs).
 */
export function startTelemetry({ config, exporter }: StartTelemetryOptions): Telemetry | null {
  if (!config.enabled) return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter({ ...(config.otlpUrl && { url: config.otlpUrl }), headers: config.otlpHeaders }))],
  });
  provider.register();
  return {
    tracer: provider.getTracer(GATEWAY_TRACER),
    async shutdown() {
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        propagation.disable();
        context.disable();
      }
    },
  };
}
