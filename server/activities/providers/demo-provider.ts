import { setTimeout as sleep } from 'node:timers/promises';
import { FINISH_TOOL, type ReasoningRequest } from '../../engine/conversation.ts';
import { judgeMove } from './demo-judge.ts';
import { DEMO_ANALYSIS_PYTHON, DEMO_TICKETS_SQL, pythonStdout, sqlRows, toolFailure } from './demo-script.ts';
import { completeAnswer } from './model-answer.ts';
import { ProviderError, ProviderErrorCode, type ReasoningProvider } from './provider.ts';

/** The model name every demo answer reports; not in the price table, so it costs 0. */
export const DEMO_MODEL = 'demo-scripted-v1';
/** Where the demo's summary email goes. */
export const DEMO_EMAIL_TO = 'support-leads@example.com';

/** The demo's next move: a thought and one tool call (possibly the finish pseudo-tool). */
interface Move {
  thought: string;
  tool: string;
  args: Record<string, unknown>;
}

/**
 * A deterministic, offline provider that scripts the seeded "Support Ticket Analyzer" agent, so
 * the platform can be tried with no API key. It is clearly a demo: the model is
 * {@link DEMO_MODEL} and every thought starts with "[demo] ".
 *
 * It reads the conversation (the `tool` messages) to choose its move, so its answers depend on
 * real tool results: 1. `run_sql` {sql} over the `tickets` table (last 30 days of data, by
 * category and priority); 2. `execute_python` {code, inputs: {rows}} analysing those rows;
 * 3. `send_email` {to, subject, body} to {@link DEMO_EMAIL_TO} with the python output; 4. finish
 * {output}. A failed or rejected tool result, or a tool the agent does not offer, ends the run
 * with an explanation. Asked to judge (offered `submit_score`), it scores by word overlap (`demo-judge.ts`). Usage is estimated at 4 characters per token; cost is 0.
 *
 * It streams like a real model when someone listens (`onStream`): the thought word by word,
 * `streamDelayMs` apart (default 15 ms), so a new user sees the live view without an API key.
 */
export function createDemoProvider(options: { streamDelayMs?: number } = {}): ReasoningProvider {
  const streamDelayMs = options.streamDelayMs ?? 15;
  return {
    name: 'demo',
    async reason(request, { signal, onStream } = {}) {
      const startedAt = performance.now();
      const move = nextMove(request);
      if (onStream) {
        for (const piece of move.thought.match(/\S+\s*/g) ?? []) {
          try {
            if (streamDelayMs > 0) await sleep(streamDelayMs, undefined, { signal });
          } catch (error) {
            throw new ProviderError(ProviderErrorCode.Aborted, 'demo: request aborted', { cause: error });
          }
          onStream({ type: 'text', delta: piece });
        }
      }
      const argumentsJson = JSON.stringify(move.args);
      const step = request.messages.filter((m) => m.role === 'assistant').length + 1;
      const prompt = request.system + JSON.stringify(request.messages) + JSON.stringify(request.tools);
      return completeAnswer(
        request,
        {
          text: move.thought,
          toolCalls: [{ id: `demo_call_${step}`, name: move.tool, argumentsJson }],
          model: DEMO_MODEL,
          usage: {
            inputTokens: estimateTokens(prompt),
            outputTokens: estimateTokens(move.thought + argumentsJson),
            cachedTokens: 0,
            reasoningTokens: 0,
          },
        },
        performance.now() - startedAt,
      );
    },
  };
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function finish(thought: string, output: string): Move {
  return { thought: `[demo] ${thought}`, tool: FINISH_TOOL, args: { output } };
}

function call(tool: string, thought: string, args: Record<string, unknown>): Move {
  return { thought: `[demo] ${thought}`, tool, args };
}

/** Chooses the move from the last tool result; exported for tests of single steps. */
export function nextMove(request: ReasoningRequest): Move {
  // Asked to judge a run (an evaluation's LLM-as-judge scorer): a deterministic score, no script.
  const judged = judgeMove(request);
  if (judged) return judged;
  const offered = new Set(request.tools.map((tool) => tool.name));
  const results = request.messages.flatMap((m) => (m.role === 'tool' ? [m] : []));
  const last = results.at(-1);
  const missing = (tool: string, done: string) =>
    finish(
      `This agent does not offer ${tool}, which the scripted demo needs next, so I stop here.`,
      `${done} The demo provider only scripts the Support Ticket Analyzer (run_sql, execute_python, send_email); this agent does not offer ${tool}.`,
    );

  if (!last) {
    if (!offered.has('run_sql')) return missing('run_sql', 'Nothing was analysed.');
    return call(
      'run_sql',
      'To summarise recent support load I first need the numbers: ticket counts, resolution times and satisfaction by category and priority over the last 30 days of data.',
      { sql: DEMO_TICKETS_SQL },
    );
  }

  const failure = toolFailure(last.content);
  if (failure) {
    const stdout = lastPythonStdout(results);
    return finish(
      `${last.toolName} did not succeed (${failure}). I will not work around it; I finish and explain.`,
      `Stopped after ${last.toolName} failed or was rejected: ${failure}.` +
        (stdout ? `\n\nAnalysis gathered so far:\n${stdout}` : ''),
    );
  }

  switch (last.toolName) {
    case 'run_sql': {
      const rows = sqlRows(last.content);
      if (!rows)
        return finish(
          'I could not read rows from the query result.',
          'The ticket query returned no readable rows.',
        );
      if (rows.length === 0) {
        return finish('The query found no tickets in the last 30 days of data.', 'No tickets to analyse.');
      }
      if (!offered.has('execute_python'))
        return missing('execute_python', `The query returned ${rows.length} rows.`);
      return call(
        'execute_python',
        `The query returned ${rows.length} category/priority groups. I will compute totals, shares, resolution times and the slowest category in Python.`,
        { code: DEMO_ANALYSIS_PYTHON, inputs: { rows } },
      );
    }
    case 'execute_python': {
      const stdout = pythonStdout(last.content);
      if (!stdout)
        return finish(
          'The analysis printed nothing, so there is nothing to report.',
          'The analysis produced no output.',
        );
      if (!offered.has('send_email')) return missing('send_email', `Analysis:\n${stdout}`);
      const total = /total tickets: (\d+)/.exec(stdout)?.[1];
      return call(
        'send_email',
        `The analysis is done${total ? ` (${total} tickets)` : ''}. I will email the summary to the support leads.`,
        {
          to: [DEMO_EMAIL_TO],
          subject: `Support tickets, last 30 days${total ? `: ${total} tickets` : ''}`,
          body: emailBody(stdout),
        },
      );
    }
    case 'send_email': {
      const stdout = lastPythonStdout(results);
      return finish(
        `The summary was sent to ${DEMO_EMAIL_TO}. The task is complete.`,
        `Sent the 30-day support ticket summary to ${DEMO_EMAIL_TO}.${stdout ? `\n\n${stdout}` : ''}`,
      );
    }
    default:
      return finish(
        `The scripted demo has no step after ${last.toolName}.`,
        `Stopped after ${last.toolName}.`,
      );
  }
}

function lastPythonStdout(results: { toolName: string; content: string }[]): string {
  const python = results.filter((r) => r.toolName === 'execute_python' && !toolFailure(r.content)).at(-1);
  return python ? pythonStdout(python.content) : '';
}

function emailBody(stdout: string): string {
  return [
    'Hello support leads,',
    '',
    'Here is the support ticket summary for the last 30 days of data:',
    '',
    stdout,
    '',
    '-- Support Ticket Analyzer (demo agent, scripted demo provider: no LLM was called)',
  ].join('\n');
}
