import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { z } from 'zod';
import { toolContext } from '../../testkit/tool-context.ts';
import { createToolRegistry, MAX_RESULT_BYTES } from './registry.ts';
import { type AnyToolDefinition, defineTool, type ToolDefinition, ToolError } from './tool.ts';

const ctx = (signal?: AbortSignal) => toolContext(signal ? { signal } : {});

function fakeTool<R>(
  run: (params: { text: string; count: number }, signal: AbortSignal) => Promise<R>,
  extra: Partial<ToolDefinition<{ text: string; count: number }, R>> = {},
) {
  return defineTool({
    name: 'fake',
    description: 'A fake tool',
    inputSchema: z.object({
      text: z.string().max(10).describe('Some text'),
      count: z.number().int().default(1),
    }),
    defaultRisk: 'LOW',
    timeoutMs: 200,
    idempotent: true,
    run: (params, context) => run(params, context.signal),
    ...extra,
  }) as AnyToolDefinition;
}

describe('createToolRegistry', () => {
  it('lists each tool with JSON Schema for its input (defaults optional, no $schema)', () => {
    const registry = createToolRegistry([fakeTool(async () => null)]);
    assert.deepEqual(registry.list(), [
      {
        name: 'fake',
        description: 'A fake tool',
        parameters: {
          type: 'object',
          properties: {
            text: { type: 'string', maxLength: 10, description: 'Some text' },
            count: {
              type: 'integer',
              default: 1,
              minimum: Number.MIN_SAFE_INTEGER,
              maximum: Number.MAX_SAFE_INTEGER,
            },
          },
          required: ['text'],
        },
      },
    ]);
    assert.deepEqual(registry.describe()[0], {
      ...registry.list()[0],
      defaultRisk: 'LOW',
      timeoutMs: 200,
      idempotent: true,
      configured: true,
    });
  });

  it('refuses duplicate and invalid tool names at construction', () => {
    const tool = fakeTool(async () => null);
    assert.throws(() => createToolRegistry([tool, tool]), /Duplicate tool name "fake"/);
    assert.throws(() => createToolRegistry([{ ...tool, name: 'has space' }]), /Invalid tool name/);
  });

  it('validates params with a message naming the field', () => {
    const registry = createToolRegistry([fakeTool(async () => null)]);
    assert.equal(registry.validate('fake', { text: 'hi' }), null);
    assert.match(registry.validate('fake', { text: 'x'.repeat(11) }) ?? '', /^text: /);
    assert.match(registry.validate('fake', { text: 'ok', count: 1.5 }) ?? '', /^count: /);
    assert.match(registry.validate('fake', 'nope') ?? '', /^\(params\): /);
    assert.equal(registry.validate('nope', {}), 'Unknown tool "nope"');
  });

  it('runs valid calls with parsed params and reports the duration', async () => {
    const registry = createToolRegistry([fakeTool(async (params) => ({ echoed: params }))]);
    const outcome = await registry.execute('fake', { text: 'hi' }, ctx());
    assert.equal(outcome.ok, true);
    assert.deepEqual(outcome.ok && outcome.result, { echoed: { text: 'hi', count: 1 } });
    assert.ok(outcome.durationMs >= 0);
    assert.equal('truncated' in outcome, false);
  });

  it('turns unknown tools, invalid params and thrown errors into classified failures', async () => {
    const registry = createToolRegistry([
      fakeTool(async (params) => {
        if (params.text === 'classified')
          throw new ToolError('RATE_LIMITED', 'slow down', { retryable: true });
        throw new Error('unexpected bug');
      }),
    ]);
    const failure = async (name: string, params: unknown) => {
      const outcome = await registry.execute(name, params, ctx());
      assert.equal(outcome.ok, false);
      return outcome.ok
        ? null
        : { code: outcome.error.code, message: outcome.error.message, retryable: outcome.retryable };
    };
    assert.deepEqual(await failure('nope', {}), {
      code: 'UNKNOWN_TOOL',
      message: 'Unknown tool "nope"',
      retryable: false,
    });
    const invalid = await failure('fake', { text: 5 });
    assert.equal(invalid?.code, 'INVALID_PARAMS');
    assert.match(invalid?.message ?? '', /^Invalid parameters for fake: text: /);
    assert.deepEqual(await failure('fake', { text: 'classified' }), {
      code: 'RATE_LIMITED',
      message: 'slow down',
      retryable: true,
    });
    assert.deepEqual(await failure('fake', { text: 'other' }), {
      code: 'TOOL_FAILED',
      message: 'unexpected bug',
      retryable: false,
    });
  });

  it('enforces timeoutMs even when the tool ignores its signal, and aborts the signal', async () => {
    let seen: AbortSignal | null = null;
    const registry = createToolRegistry([
      fakeTool((_params, signal) => {
        seen = signal;
        return new Promise(() => undefined);
      }),
    ]);
    const started = Date.now();
    const outcome = await registry.execute('fake', { text: 'x' }, ctx());
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(outcome.ok ? null : [outcome.error.code, outcome.retryable], ['TIMEOUT', true]);
    assert.equal((seen as AbortSignal | null)?.aborted, true);
  });

  it('reports ABORTED when the caller cancels, and never rejects when the tool fails late', async () => {
    const registry = createToolRegistry([
      fakeTool(
        (_params, signal) =>
          new Promise((_, reject) =>
            signal.addEventListener('abort', () => setTimeout(() => reject(new Error('late')), 10)),
          ),
        { timeoutMs: 5000 },
      ),
    ]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const outcome = await registry.execute('fake', { text: 'x' }, ctx(controller.signal));
    assert.deepEqual(outcome.ok ? null : [outcome.error.code, outcome.retryable], ['ABORTED', true]);
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('redacts secrets in results and error messages', async () => {
    const registry = createToolRegistry([
      fakeTool(async (params) => {
        if (params.text === 'fail')
          throw new ToolError('X', 'bad key sk-abcdefghijklmnopqrstuvwx', { retryable: false });
        return { headers: { authorization: 'Bearer abcdefghijkl' }, note: 'key sk-abcdefghijklmnopqrstuvwx' };
      }),
    ]);
    const ok = await registry.execute('fake', { text: 'ok' }, ctx());
    assert.deepEqual(ok.ok && ok.result, {
      headers: { authorization: '[REDACTED]' },
      note: 'key [REDACTED]',
    });
    const failed = await registry.execute('fake', { text: 'fail' }, ctx());
    assert.equal(!failed.ok && failed.error.message, 'bad key [REDACTED]');
  });

  it('truncates results over 64 KiB of JSON with a note, and keeps smaller ones intact', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.integer({ min: 0, max: 200_000 }), async (value, padding) => {
        const payload = { value, padding: 'é'.repeat(padding) };
        const registry = createToolRegistry([fakeTool(async () => payload)]);
        const outcome = await registry.execute('fake', { text: 'x' }, ctx());
        assert.ok(outcome.ok);
        const bytes = Buffer.byteLength(JSON.stringify(payload));
        const resultBytes = Buffer.byteLength(JSON.stringify(outcome.result));
        assert.ok(resultBytes <= MAX_RESULT_BYTES, `${resultBytes} bytes`);
        if (bytes <= MAX_RESULT_BYTES) {
          assert.deepEqual(outcome.result, JSON.parse(JSON.stringify(payload)));
          assert.equal(outcome.truncated, undefined);
        } else {
          assert.deepEqual(outcome.truncated, { originalBytes: bytes });
          const result = outcome.result as { truncated: boolean; note: string; preview: string };
          assert.equal(result.truncated, true);
          assert.match(result.note, new RegExp(`was ${bytes} bytes`));
          assert.ok(JSON.stringify(payload).startsWith(result.preview));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reports unconfigured tools and refuses to run them', async () => {
    let ran = false;
    const registry = createToolRegistry([
      fakeTool(
        async () => {
          ran = true;
        },
        { unavailableReason: 'fake is not configured: set FAKE_URL' },
      ),
    ]);
    assert.deepEqual(
      registry.describe().map(({ configured, reason }) => ({ configured, reason })),
      [{ configured: false, reason: 'fake is not configured: set FAKE_URL' }],
    );
    const outcome = await registry.execute('fake', { text: 'x' }, ctx());
    assert.deepEqual(outcome.ok ? null : [outcome.error.code, outcome.error.message], [
      'NOT_CONFIGURED',
      'fake is not configured: set FAKE_URL',
    ]);
    assert.equal(ran, false);
  });

  it('answers idempotency per call and closes every tool', async () => {
    let closed = 0;
    const registry = createToolRegistry([
      fakeTool(async () => null, {
        idempotent: false,
        idempotentFor: (params) => params.text === 'GET',
        close: async () => {
          closed++;
        },
      }),
    ]);
    assert.equal(registry.isIdempotent('fake', { text: 'GET' }), true);
    assert.equal(registry.isIdempotent('fake', { text: 'POST' }), false);
    assert.equal(registry.isIdempotent('fake', { text: 5 }), false);
    assert.equal(registry.isIdempotent('missing', {}), false);
    await registry.close();
    assert.equal(closed, 1);
  });
});
