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
 * A local server speaking OpenAI's chat-completions wire format. `script(goal, toolResults)` says
 * which tool the model calls next; every request is recorded so tests can count calls per step.
 */
export async function startFakeOpenAiServer(options: {
  script(goal: string, toolResults: number): ScriptedToolCall;
  /** Delay before each chat completion is answered; a function is asked at every request. */
  latencyMs?: number | (() => number);
}): Promise<{ url: string; requests: SeenRequest[]; close(): Promise<void> }> {
  const requests: SeenRequest[] = [];
  let counter = 0;
  const latencyOf = () =>
    typeof options.latencyMs === 'function' ? options.latencyMs() : (options.latencyMs ?? 0);
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.url?.endsWith('/embeddings')) return answerEmbeddings(body, response);
      const parsed = JSON.parse(body) as { messages: { role: string; content: unknown }[]; model: string };
      const firstUser = parsed.messages.find((message) => message.role === 'user');
      const goal =
        typeof firstUser?.content === 'string' ? firstUser.content : JSON.stringify(firstUser?.content);
      const toolResults =
        parsed.messages.filter((message) => message.role === 'tool').length + stepsLeftOut(goal);
      requests.push({ goal, toolResults, at: Date.now() });
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
              content: `Step ${toolResults + 1}: calling ${call.name}.`,
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
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(reply));
      }, latencyOf());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
