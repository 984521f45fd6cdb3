/**
 * Test fixtures for the provider adapters: a local HTTP server that plays scripted responses in a
 * provider's wire format and records what it received, one sample conversation, and a driver that
 * plays the demo provider's loop with scripted tool results.
 */

import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FINISH_TOOL, type ReasoningRequest, type ToolSpec } from '../../engine/conversation.ts';
import { createDemoProvider, DEMO_MODEL } from './demo-provider.ts';

/**
 * A scripted HTTP response: `body` is sent as JSON, a string `rawBody` as is; `delayMs` holds it
 * back. With `events` it is a server-sent-event stream instead: each frame written on its own,
 * `eventDelayMs` apart; `breakAfter` destroys the connection after that many frames (a stream
 * that breaks mid-answer).
 */
export interface WireResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  delayMs?: number;
  events?: string[];
  eventDelayMs?: number;
  breakAfter?: number;
}

/** What the server received; `body` is the parsed JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: tests index freely into the provider's wire JSON.
  body: any;
}

/** A running wire server. */
export interface WireServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 that answers request N with `script[N]`. Past the script it
 * answers 418, a status no provider retries, so an unexpected extra call fails the test.
 */
export async function startWireServer(
  script: (WireResponse | ((request: RecordedRequest) => WireResponse))[],
): Promise<WireServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      const step = script[requests.length];
      requests.push(recorded);
      const response =
        step === undefined
          ? { status: 418, body: { error: { message: `wire script exhausted after ${script.length}` } } }
          : typeof step === 'function'
            ? step(recorded)
            : step;
      const send = () => {
        if (res.destroyed) return;
        if (response.events) return void streamEvents(res, response);
        res.writeHead(response.status ?? 200, { 'content-type': 'application/json', ...response.headers });
        res.end(response.rawBody ?? JSON.stringify(response.body));
      };
      if (response.delayMs) setTimeout(send, response.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function streamEvents(res: import('node:http').ServerResponse, response: WireResponse) {
  const events = response.events ?? [];
  res.writeHead(response.status ?? 200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...response.headers,
  });
  for (const [index, frame] of events.entries()) {
    if (response.breakAfter !== undefined && index >= response.breakAfter) {
      res.socket?.destroy();
      return;
    }
    if (res.destroyed) return;
    res.write(frame);
    if (response.eventDelayMs) await new Promise((resolve) => setTimeout(resolve, response.eventDelayMs));
  }
  res.end();
}

/** Splits text into word-sized pieces (with their trailing space), as a model streams it. */
export function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

const sseData = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

/**
 * A chat completion (non-streaming JSON shape) replayed as OpenAI streams it: `chat.completion.chunk`
 * frames with the content word by word, each tool call's id and name first and its arguments in
 * two pieces, the finish reason, a usage-only chunk (`stream_options.include_usage`), `[DONE]`.
 */
export function openAiSse(
  // biome-ignore lint/suspicious/noExplicitAny: the completion is test JSON in the wire format.
  completion: any,
  options: { eventDelayMs?: number; breakAfter?: number } = {},
): WireResponse {
  const base = {
    id: completion.id,
    object: 'chat.completion.chunk',
    created: completion.created,
    model: completion.model,
  };
  const choice = completion.choices?.[0];
  const message = choice?.message ?? {};
  const frames: string[] = [
    sseData({
      ...base,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    }),
  ];
  for (const piece of pieces(message.content ?? ''))
    frames.push(
      sseData({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }),
    );
  if (message.refusal)
    frames.push(
      sseData({ ...base, choices: [{ index: 0, delta: { refusal: message.refusal }, finish_reason: null }] }),
    );
  // biome-ignore lint/suspicious/noExplicitAny: wire JSON.
  (message.tool_calls ?? []).forEach((call: any, index: number) => {
    const args: string = call.function.arguments;
    const half = Math.ceil(args.length / 2);
    frames.push(
      sseData({
        ...base,
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index,
                  id: call.id,
                  type: 'function',
                  function: { name: call.function.name, arguments: '' },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      }),
    );
    for (const part of [args.slice(0, half), args.slice(half)])
      frames.push(
        sseData({
          ...base,
          choices: [
            {
              index: 0,
              delta: { tool_calls: [{ index, function: { arguments: part } }] },
              finish_reason: null,
            },
          ],
        }),
      );
  });
  frames.push(
    sseData({ ...base, choices: [{ index: 0, delta: {}, finish_reason: choice?.finish_reason ?? 'stop' }] }),
  );
  if (completion.usage) frames.push(sseData({ ...base, choices: [], usage: completion.usage }));
  frames.push('data: [DONE]\n\n');
  return { events: frames, ...options };
}

const sseEvent = (data: { type: string }) => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * A Messages API message (non-streaming JSON shape) replayed as Anthropic streams it:
 * `message_start` (input usage), per block `content_block_start`, `content_block_delta`
 * (`text_delta` word by word, `input_json_delta` in two pieces) and `content_block_stop`, then
 * `message_delta` (stop reason, output usage) and `message_stop`.
 */
export function anthropicSse(
  // biome-ignore lint/suspicious/noExplicitAny: the message is test JSON in the wire format.
  message: any,
  options: { eventDelayMs?: number; breakAfter?: number } = {},
): WireResponse {
  const { output_tokens: outputTokens, ...inputUsage } = message.usage ?? {};
  const frames: string[] = [
    sseEvent({
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, usage: { ...inputUsage, output_tokens: 1 } },
    } as { type: string }),
  ];
  // biome-ignore lint/suspicious/noExplicitAny: wire JSON.
  (message.content ?? []).forEach((block: any, index: number) => {
    if (block.type === 'text') {
      frames.push(
        sseEvent({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } } as {
          type: string;
        }),
      );
      for (const piece of pieces(block.text))
        frames.push(
          sseEvent({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } } as {
            type: string;
          }),
        );
    } else if (block.type === 'tool_use') {
      frames.push(
        sseEvent({
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        } as { type: string }),
      );
      const json = typeof block.input === 'string' ? block.input : JSON.stringify(block.input);
      const half = Math.ceil(json.length / 2);
      for (const part of [json.slice(0, half), json.slice(half)])
        frames.push(
          sseEvent({
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: part },
          } as { type: string }),
        );
    }
    frames.push(sseEvent({ type: 'content_block_stop', index } as { type: string }));
  });
  frames.push(
    sseEvent({
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason ?? 'end_turn', stop_sequence: null },
      usage: { output_tokens: outputTokens ?? 0 },
    } as { type: string }),
  );
  frames.push(sseEvent({ type: 'message_stop' }));
  return { events: frames, ...options };
}

/**
 * A conversation that exercises every message kind: the goal, an assistant turn with a tool
 * call, its tool result, and a user nudge after it.
 */
export function sampleRequest(overrides: Partial<ReasoningRequest> = {}): ReasoningRequest {
  return {
    provider: 'openai',
    model: 'gpt-4o-mini',
    temperature: 0,
    maxTokens: 512,
    system: 'You are the Support Ticket Analyzer.',
    messages: [
      { role: 'user', content: 'Summarise last month of tickets.' },
      {
        role: 'assistant',
        content: 'I will query the tickets.',
        toolCall: { id: 'call_1', name: 'run_sql', arguments: { sql: 'SELECT count(*) FROM tickets' } },
      },
      { role: 'tool', toolCallId: 'call_1', toolName: 'run_sql', content: '{"rows":[{"count":42}]}' },
      { role: 'user', content: 'Keep going.' },
    ],
    tools: [
      {
        name: 'run_sql',
        description: 'Run a read-only SQL query.',
        parameters: { type: 'object', properties: { sql: { type: 'string' } }, required: ['sql'] },
      },
    ],
    ...overrides,
  };
}

/** Records the waits a retrying provider asks for, without waiting. */
export function recordingSleep(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

/** A tool offered to the model, with an empty object schema. */
export const toolSpec = (name: string): ToolSpec => ({
  name,
  description: name,
  parameters: { type: 'object' },
});
const analyzerTools = ['run_sql', 'execute_python', 'send_email', FINISH_TOOL].map(toolSpec);

/**
 * Drives the demo provider like the engine would, answering each tool call with `results[tool]`,
 * until it calls finish (at most 6 steps).
 */
export async function playDemo(
  results: Record<string, (args: Record<string, unknown>) => string | Promise<string>>,
  tools: ToolSpec[] = analyzerTools,
) {
  const demo = createDemoProvider();
  const request: ReasoningRequest = {
    provider: 'demo',
    model: DEMO_MODEL,
    temperature: 0,
    maxTokens: 1_000,
    system: 'You are the Support Ticket Analyzer.',
    messages: [{ role: 'user', content: 'Summarise the last 30 days of support tickets for the leads.' }],
    tools,
  };
  const calls: { name: string; args: Record<string, unknown> }[] = [];
  const answers = [];
  for (let step = 0; step < 6; step++) {
    const answer = await demo.reason(request, {});
    answers.push(answer);
    const call = answer.toolCalls[0];
    assert.ok(call, 'every demo answer calls a tool');
    const args = JSON.parse(call.argumentsJson) as Record<string, unknown>;
    calls.push({ name: call.name, args });
    request.messages.push({
      role: 'assistant',
      content: answer.text,
      toolCall: { id: call.id, name: call.name, arguments: args },
    });
    if (call.name === FINISH_TOOL) return { calls, answers, output: String(args.output), request };
    const run = results[call.name];
    assert.ok(run, `unexpected tool ${call.name}`);
    request.messages.push({
      role: 'tool',
      toolCallId: call.id,
      toolName: call.name,
      content: await run(args),
    });
  }
  throw new Error('the demo did not finish within 6 steps');
}
