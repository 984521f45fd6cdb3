import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { FINISH_TOOL } from '../../engine/conversation.ts';
import { createDemoProvider, DEMO_EMAIL_TO, DEMO_MODEL } from './demo-provider.ts';
import { DEMO_TICKETS_SQL, pythonStdout, sqlRows, toolFailure } from './demo-script.ts';
import { playDemo, toolSpec as tool } from './provider-testkit.ts';

const rows = [
  { breakdown: 'category', name: 'billing', tickets: 2, avg_resolution_hours: 5, avg_satisfaction: 4 },
  { breakdown: 'category', name: 'technical', tickets: 3, avg_resolution_hours: 25, avg_satisfaction: 2.5 },
  { breakdown: 'priority', name: 'urgent', tickets: 5, avg_resolution_hours: 17, avg_satisfaction: 3.1 },
];
const stdout =
  'total tickets: 5\nbilling: 2 tickets (40%), avg resolution 5.0 h\nslowest category: technical (25.0 h to resolve)';

describe('demo provider', () => {
  it('scripts run_sql → execute_python → send_email → finish, carrying the numbers forward', async () => {
    const played = await playDemo({
      run_sql: () => JSON.stringify({ columns: ['breakdown', 'name'], rows, rowCount: 3, truncated: false }),
      execute_python: () => JSON.stringify({ stdout, stderr: '' }),
      send_email: () => JSON.stringify({ status: 'sent', messageId: 'm-1' }),
    });
    assert.deepEqual(
      played.calls.map((c) => c.name),
      ['run_sql', 'execute_python', 'send_email', FINISH_TOOL],
    );
    assert.equal(played.calls[0]?.args.sql, DEMO_TICKETS_SQL);
    assert.deepEqual(played.calls[1]?.args.inputs, { rows });
    const email = played.calls[2]?.args;
    assert.deepEqual(email?.to, [DEMO_EMAIL_TO]);
    assert.equal(email?.subject, 'Support tickets, last 30 days: 5 tickets');
    assert.match(String(email?.body), /slowest category: technical \(25\.0 h to resolve\)/);
    assert.match(played.output, /Sent the 30-day support ticket summary to support-leads@example.com/);
    assert.match(played.output, /total tickets: 5/);
    for (const answer of played.answers) {
      assert.ok(answer.text.startsWith('[demo] '), answer.text);
      assert.equal(answer.model, DEMO_MODEL);
      assert.equal(answer.costUsd, 0);
      assert.ok(answer.usage.inputTokens > 0 && answer.usage.outputTokens > 0);
    }
    assert.ok(
      played.answers[3]!.usage.inputTokens > played.answers[0]!.usage.inputTokens,
      'input grows with the conversation',
    );
  });

  it('is deterministic: the same conversation gets the same answer', async () => {
    const demo = createDemoProvider();
    const { request } = await playDemo({
      run_sql: () => JSON.stringify(rows),
      execute_python: () => stdout,
      send_email: () => 'sent',
    });
    const first = await demo.reason(request, {});
    const second = await demo.reason(request, {});
    assert.deepEqual({ ...first, latencyMs: 0 }, { ...second, latencyMs: 0 });
  });

  it('finishes explaining a rejected email instead of pretending it was sent', async () => {
    const played = await playDemo({
      run_sql: () => JSON.stringify({ rows }),
      execute_python: () => JSON.stringify({ stdout }),
      send_email: () => 'A human (alice) rejected this call: "not before the review" The call was not made.',
    });
    assert.equal(played.calls.at(-1)?.name, FINISH_TOOL);
    assert.match(played.output, /send_email failed or was rejected: A human \(alice\) rejected this call/);
    assert.match(played.output, /total tickets: 5/, 'the analysis is still reported');
    assert.doesNotMatch(played.output, /^Sent/);
  });

  it('stops at a failing query, and when the agent lacks a tool the script needs', async () => {
    const failed = await playDemo({
      run_sql: () => JSON.stringify({ error: { message: 'statement timeout' } }),
    });
    assert.deepEqual(
      failed.calls.map((c) => c.name),
      ['run_sql', FINISH_TOOL],
    );
    assert.match(failed.output, /statement timeout/);

    const noTools = await playDemo({}, [tool('web_search'), tool(FINISH_TOOL)]);
    assert.deepEqual(
      noTools.calls.map((c) => c.name),
      [FINISH_TOOL],
    );
    assert.match(noTools.output, /only scripts the Support Ticket Analyzer/);

    const empty = await playDemo({ run_sql: () => JSON.stringify({ rows: [] }) });
    assert.equal(empty.output, 'No tickets to analyse.');
  });

  it('reads rows given as columns + arrays, and tells failures from results', () => {
    assert.deepEqual(
      sqlRows(JSON.stringify({ columns: [{ name: 'category' }, 'tickets'], rows: [['billing', 2]] })),
      [{ category: 'billing', tickets: 2 }],
    );
    assert.equal(sqlRows('not json'), undefined);
    assert.equal(toolFailure(JSON.stringify({ rows: [] })), undefined);
    assert.equal(toolFailure('total tickets: 5'), undefined);
    assert.equal(
      toolFailure(JSON.stringify({ status: 'blocked', reason: 'CRITICAL risk' })),
      'blocked: CRITICAL risk',
    );
    assert.equal(
      toolFailure('Error: run_sql failed: timeout (TIMEOUT)'),
      'Error: run_sql failed: timeout (TIMEOUT)',
    );
    assert.ok(toolFailure('Retried after a crash.\nError: send_email failed: SMTP down'));
    assert.ok(
      toolFailure('Blocked by the safety policy (risk CRITICAL): bulk email. The call was not made.'),
    );
    assert.ok(toolFailure('Nobody approved this call before its deadline, so it was not made.'));
  });

  it('reads results the engine prefixed with notes or suffixed with a cut note', () => {
    const content = `Edited by bob before it ran.\n${JSON.stringify({ rows: [{ name: 'x' }] })} (cut from 90000 bytes)`;
    assert.deepEqual(sqlRows(content), [{ name: 'x' }]);
    assert.equal(toolFailure(content), undefined);
    assert.equal(
      pythonStdout(`Retried once.\n${JSON.stringify({ stdout: 'total tickets: 3\n' })}`),
      'total tickets: 3',
    );
  });

  it('streams its thought word by word to a listener, and the answer holds the same thought', async () => {
    const provider = createDemoProvider({ streamDelayMs: 1 });
    const request = {
      provider: 'demo' as const,
      model: DEMO_MODEL,
      temperature: 0,
      maxTokens: 256,
      system: 's',
      messages: [{ role: 'user' as const, content: 'Summarise tickets' }],
      tools: [tool('run_sql'), tool('execute_python'), tool('send_email')],
    };
    const pieces: string[] = [];
    const answer = await provider.reason(request, {
      onStream: (event) => {
        if (event.type === 'text') pieces.push(event.delta);
      },
    });
    assert.ok(pieces.length > 10, `word by word (${pieces.length} pieces)`);
    assert.equal(pieces.join(''), answer.text);
    assert.match(answer.text, /^\[demo\] /);
    const controller = new AbortController();
    await assert.rejects(
      provider.reason(request, { signal: controller.signal, onStream: () => controller.abort() }),
      { code: 'ABORTED' },
    );
  });
});
