import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScriptedToolCall, SeenRequest } from './fake-openai-server.ts';

interface MessagesBody {
  model: string;
  stream?: boolean;
  messages: { role: string; content: string | { type: string; text?: string }[] }[];
}

const textOf = (content: MessagesBody['messages'][number]['content']): string =>
  typeof content === 'string'
    ? content
    : content.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('');

/**
 * A local server speaking Anthropic's Messages API (`POST /v1/messages`), streamed as the API
 * streams (`stream: true`: `message_start`, `content_block_start`, `content_block_delta` with
 * `text_delta` word by word and `input_json_delta`, `content_block_stop`, `message_delta`,
 * `message_stop`) or as one JSON message. `script(goal, toolResults)` says which tool the model
 * calls next; `thought` what it writes first.
 */
export async function startFakeAnthropicServer(options: {
  script(goal: string, toolResults: number): ScriptedToolCall;
  thought?(goal: string, toolResults: number, call: ScriptedToolCall): string;
  /** Pause between streamed events, so a test can watch the thought arrive. */
  chunkDelayMs?: number;
  /** Delay before each answer starts. */
  latencyMs?: number;
}): Promise<{ url: string; requests: SeenRequest[]; close(): Promise<void> }> {
  const requests: SeenRequest[] = [];
  let counter = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.method !== 'POST' || !request.url?.endsWith('/v1/messages')) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'no route' } }),
        );
        return;
      }
      const parsed = JSON.parse(body) as MessagesBody;
      const firstUser = parsed.messages.find((message) => message.role === 'user');
      const goal = firstUser ? textOf(firstUser.content) : '';
      const toolResults = parsed.messages
        .flatMap((message) => (typeof message.content === 'string' ? [] : message.content))
        .filter((block) => block.type === 'tool_result').length;
      requests.push({ goal, toolResults, at: Date.now(), remote: request.socket.remoteAddress ?? '' });
      const call = options.script(goal, toolResults);
      const thought =
        options.thought?.(goal, toolResults, call) ?? `Step ${toolResults + 1}: calling ${call.name}.`;
      const id = `toolu_${++counter}`;
      const message = {
        id: `msg_${counter}`,
        type: 'message',
        role: 'assistant',
        model: parsed.model,
        content: [
          { type: 'text' as const, text: thought },
          { type: 'tool_use' as const, id, name: call.name, input: call.arguments },
        ],
        stop_reason: 'tool_use',
        stop_sequence: null,
        usage: { input_tokens: 100, output_tokens: 20 },
      };
      setTimeout(() => {
        if (parsed.stream) return void streamMessage(response, message, options.chunkDelayMs ?? 0);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(message));
      }, options.latencyMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function streamMessage(
  response: ServerResponse,
  message: {
    content: (
      | { type: 'text'; text: string }
      | { type: 'tool_use'; id: string; name: string; input: unknown }
    )[];
    usage: { input_tokens: number; output_tokens: number };
  } & Record<string, unknown>,
  delayMs: number,
): Promise<void> {
  const event = (data: { type: string } & Record<string, unknown>) =>
    `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
  const frames = [
    event({
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        usage: { input_tokens: message.usage.input_tokens, output_tokens: 1 },
      },
    }),
  ];
  message.content.forEach((block, index) => {
    if (block.type === 'text') {
      frames.push(event({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      for (const piece of block.text.match(/\S+\s*/g) ?? [])
        frames.push(
          event({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } }),
        );
    } else {
      frames.push(
        event({
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        }),
        event({
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
        }),
      );
    }
    frames.push(event({ type: 'content_block_stop', index }));
  });
  frames.push(
    event({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: message.usage.output_tokens },
    }),
    event({ type: 'message_stop' }),
  );
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const frame of frames) {
    if (response.destroyed) return;
    response.write(frame);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  response.end();
}
