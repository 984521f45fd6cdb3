import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stepsLeftOut } from '../engine/conversation-builder.ts';

/** One chat-completions request as the fake saw it. */
export interface SeenRequest {
  goal: string;
  /**
   * Steps answered before this request: the tool results in the conversation plus the steps it
   * says it left out. The model is answering step `toolResults + 1`.
   */
  toolResults: number;
  at: number;
  /** The address the request came from (which process asked, when they differ). */
  remote: string;
}

export interface ScriptedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** Embeddings of the requested size: a deterministic function of each text's characters. */
function answerEmbeddings(body: string, response: import('node:http').ServerResponse): void {
  const parsed = JSON.parse(body) as { input: string | string[]; model: string; dimensions?: number };
  const inputs = Array.isArray(parsed.input) ? parsed.input : [parsed.input];
  const dims = parsed.dimensions ?? 1536;
  const data = inputs.map((text, index) => {
    const vector = Array.from({ length: dims }, (_, i) =>
      Math.sin((text.charCodeAt(i % Math.max(1, text.length)) || 1) * (i + 1)),
    );
    return { object: 'embedding', index, embedding: vector };
  });
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      object: 'list',
      data,
      model: parsed.model,
      usage: { prompt_tokens: 1, total_tokens: 1 },
    }),
  );
}

/**
 * Writes a completion as OpenAI streams it (`stream: true`): server-sent `chat.completion.chunk`
 * frames with the content word by word, the tool call (id and name, then its arguments), the
 * finish reason, a usage chunk and `[DONE]`.
 */
async function streamCompletion(
  response: import('node:http').ServerResponse,
  reply: {
    id: string;
    created: number;
    model: string;
    choices: {
      finish_reason: string;
      message: {
        content: string;
        tool_calls: { id: string; function: { name: string; arguments: string } }[];
      };
    }[];
    usage: Record<string, number>;
  },
  chunkDelayMs: number,
  breakOff = false,
): Promise<void> {
  const base = { id: reply.id, object: 'chat.completion.chunk', created: reply.created, model: reply.model };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const choice = reply.choices[0];
  const frames = [chunk({ role: 'assistant', content: '' })];
  for (const piece of choice?.message.content.match(/\S+\s*/g) ?? []) frames.push(chunk({ content: piece }));
  choice?.message.tool_calls.forEach((call, index) => {
    frames.push(
      chunk({
        tool_calls: [
          { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] }),
    );
  });
  frames.push(chunk({}, choice?.finish_reason ?? 'stop'));
  frames.push(
    `data: ${JSON.stringify({ ...base, choices: [], usage: reply.usage })}\n\n`,
    'data: [DONE]\n\n',
  );
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [index, frame] of frames.entries()) {
    if (breakOff && index >= frames.length / 2) {
      response.socket?.destroy();
      return;
    }
    if (response.destroyed) return;
    response.write(frame);
    if (chunkDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, chunkDelayMs));
  }
  response.end();
}

/**
 * A local server speaking OpenAI's chat-completions wire format, streamed (`stream: true`) or not. `script(goal, toolResults)` says
 * which tool the model calls next; every request is recorded so tests can count calls per step.
 */
export async function startFakeOpenAiServer(options: {
  script(goal: string, toolResults: number): ScriptedToolCall;
  /** Delay before each chat completion is answered; a function is asked at every request. */
  latencyMs?: number | (() => number);
  /** The thought the model writes before its tool call (default `Step <n>: calling <tool>.`). */
  thought?(goal: string, toolResults: number, call: ScriptedToolCall): string;
  /** Pause between streamed chunks (`stream: true` requests), so a test can watch the thought arrive. */
  chunkDelayMs?: number;
  /** The first this-many streamed answers break off halfway (the socket is destroyed mid-answer). */
  breakStreams?: number;
  /** The address to listen on (default 127.0.0.1; a network namespace reaches a veth address). */
  host?: string;
}): Promise<{ url: string; requests: SeenRequest[]; close(): Promise<void> }> {
  const requests: SeenRequest[] = [];
  let counter = 0;
  let broken = 0;
  const latencyOf = () =>
    typeof options.latencyMs === 'function' ? options.latencyMs() : (options.latencyMs ?? 0);
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.url?.endsWith('/embeddings')) return answerEmbeddings(body, response);
      const parsed = JSON.parse(body) as {
        messages: { role: string; content: unknown }[];
        model: string;
        stream?: boolean;
      };
      const firstUser = parsed.messages.find((message) => message.role === 'user');
      const goal =
        typeof firstUser?.content === 'string' ? firstUser.content : JSON.stringify(firstUser?.content);
      const toolResults =
        parsed.messages.filter((message) => message.role === 'tool').length + stepsLeftOut(goal);
      requests.push({ goal, toolResults, at: Date.now(), remote: request.socket.remoteAddress ?? '' });
      const call = options.script(goal, toolResults);
      const reply = {
        id: `chatcmpl-${++counter}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: parsed.model,
        choices: [
          {
            index: 0,
            finish_reason: 'tool_calls',
            message: {
              role: 'assistant',
              content:
                options.thought?.(goal, toolResults, call) ??
                `Step ${toolResults + 1}: calling ${call.name}.`,
              tool_calls: [
                {
                  id: `call_${counter}`,
                  type: 'function',
                  function: { name: call.name, arguments: JSON.stringify(call.arguments) },
                },
              ],
            },
          },
        ],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      };
      setTimeout(() => {
        if (parsed.stream) {
          const breakOff = broken < (options.breakStreams ?? 0);
          if (breakOff) broken++;
          return void streamCompletion(response, reply, options.chunkDelayMs ?? 0, breakOff);
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(reply));
      }, latencyOf());
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
