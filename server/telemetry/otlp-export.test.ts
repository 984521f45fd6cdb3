import assert from 'node:assert/strict';
import { ExportResultCode } from '@opentelemetry/core';
import { afterEach, describe, it, vi } from 'vitest';
import { exampleIds } from '../../schema/events/examples.ts';
import { exampleStory, recordedLog } from '../testkit/event-log.ts';
import { startOtlpReceiver } from '../testkit/otlp-receiver.ts';
import { createExportResource, createOtlpSpanExporter, DEFAULT_SERVICE_NAME } from './otlp-export.ts';
import { toReadableSpan } from './readable-spans.ts';
import { runSpans } from './run-spans.ts';

const exampleSpans = () =>
  runSpans(recordedLog(exampleStory()).filter((event) => event.stream.startsWith('run-')));

describe('OTLP export wiring', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('names the service spark-ops unless OTEL_SERVICE_NAME says otherwise', () => {
    assert.equal(createExportResource().attributes['service.name'], DEFAULT_SERVICE_NAME);
    vi.stubEnv('OTEL_SERVICE_NAME', 'agents-eu');
    vi.stubEnv('OTEL_RESOURCE_ATTRIBUTES', 'deployment.environment=prod');
    const resource = createExportResource();
    assert.equal(resource.attributes['service.name'], 'agents-eu');
    assert.equal(resource.attributes['deployment.environment'], 'prod');
  });

  it('sends OTLP/protobuf to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf', async () => {
    const receiver = await startOtlpReceiver();
    try {
      vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', `${receiver.url}/v1/traces`);
      const exporter = createOtlpSpanExporter({ protocol: 'http/protobuf' });
      const resource = createExportResource();
      const result = await new Promise<ExportResultCode>((resolve) =>
        exporter.export(
          exampleSpans().map((span) => toReadableSpan(span, resource)),
          (outcome) => resolve(outcome.code),
        ),
      );
      await exporter.shutdown();
      assert.equal(result, ExportResultCode.SUCCESS);
      assert.equal(receiver.protobufBodies.length, 1);
      const body = receiver.protobufBodies[0] as Buffer;
      // Protobuf keeps strings as UTF-8 and ids as raw bytes: both can be found in the body.
      assert.ok(body.includes(Buffer.from('execute_tool send_email')));
      assert.ok(body.includes(Buffer.from('gen_ai.usage.cache_read.input_tokens')));
      assert.ok(body.includes(Buffer.from(exampleIds.runId.replaceAll('-', ''), 'hex')));
    } finally {
      await receiver.close();
    }
  });
});
