// The production wiring of the run trace export: the OTLP/HTTP exporter and the resource, both
// configured by the @opentelemetry packages from the standard OTEL_* environment variables.
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  defaultResource,
  detectResources,
  envDetector,
  type Resource,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { OtelTraceExportConfig } from '../config.ts';

/** The service name unless OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES) says otherwise. */
export const DEFAULT_SERVICE_NAME = 'spark-ops';

/**
 * The OTLP/HTTP span exporter for `config.protocol`. The package reads the endpoint
 * (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`), headers,
 * timeout, compression and certificates from the environment itself, and retries 429/502/503/504.
 */
export function createOtlpSpanExporter(config: OtelTraceExportConfig): SpanExporter {
  return config.protocol === 'http/protobuf' ? new OtlpProtobufTraceExporter() : new OtlpJsonTraceExporter();
}

/** SDK defaults, then `service.name=spark-ops`, then OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES. */
export function createExportResource(): Resource {
  return defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: DEFAULT_SERVICE_NAME }))
    .merge(detectResources({ detectors: [envDetector] }));
}
