import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { toolContext } from '../../testkit/tool-context.ts';
import { createExecutePythonTool } from './execute-python.ts';
import { createToolRegistry } from './registry.ts';
import { ToolError } from './tool.ts';

const ctx = () => toolContext();

describe('execute_python', () => {
  const tool = createExecutePythonTool({ timeoutMs: 4000, memoryMb: 256 });
  let server: Server;
  let port: number;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await tool.close?.();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Runs code that must fail inside Python; returns the ToolError. */
  async function fails(code: string): Promise<ToolError> {
    try {
      await tool.run({ code }, ctx());
    } catch (error) {
      assert.ok(error instanceof ToolError, String(error));
      return error;
    }
    assert.fail(`expected a failure from: ${code}`);
  }

  it('returns stdout, stderr and the last expression as JSON, with inputs as a dict', async () => {
    const result = await tool.run(
      {
        code: "import sys, statistics\nprint('mean follows')\nprint('careful', file=sys.stderr)\n{'mean': statistics.mean(inputs['xs']), 'n': len(inputs['xs'])}",
        inputs: { xs: [1, 2, 3, 4] },
      },
      ctx(),
    );
    assert.deepEqual(result, {
      stdout: 'mean follows\n',
      stderr: 'careful\n',
      result: { mean: 2.5, n: 4 },
      resultType: 'json',
    });
  });

  it('returns the repr of values that are not JSON, and none when there is no value', async () => {
    const repr = await tool.run({ code: 'import decimal\ndecimal.Decimal("1.10")' }, ctx());
    assert.deepEqual([repr.result, repr.resultType], ["Decimal('1.10')", 'repr']);
    const none = await tool.run({ code: 'x = 1' }, ctx());
    assert.deepEqual([none.result, none.resultType], [null, 'none']);
  });

  it('keeps no globals from one call to the next', async () => {
    await tool.run({ code: 'leftover = 42' }, ctx());
    const error = await fails('leftover');
    assert.equal(error.code, 'PYTHON_EXCEPTION');
    assert.match(error.message, /NameError: name 'leftover' is not defined/);
  });

  it('reports exceptions with the agent frames and the output printed before', async () => {
    const error = await fails('def f():\n    raise ValueError("boom")\nprint("started")\nf()');
    assert.equal(error.retryable, false);
    assert.match(error.message, /File "<code>", line 2, in f/);
    assert.match(error.message, /ValueError: boom/);
    assert.match(error.message, /stdout before the error ---\nstarted/);
    assert.doesNotMatch(error.message, /_pyodide|_base\.py/);
  });

  it('sees none of the host files', async () => {
    assert.match((await fails("open('/etc/passwd').read()")).message, /FileNotFoundError/);
    const listing = await tool.run({ code: "import os\nsorted(os.listdir('/'))" }, ctx());
    assert.deepEqual(listing.result, ['dev', 'home', 'lib', 'proc', 'tmp']);
    const env = await tool.run({ code: "import os\n'PATH' in os.environ and os.environ['PATH']" }, ctx());
    assert.equal(env.result, '/');
  });

  it('has no network: sockets, urllib and pyodide.http all fail and nothing connects', async () => {
    const socketError = await fails(
      `import socket\nsocket.create_connection(('127.0.0.1', ${port}), timeout=1)`,
    );
    assert.match(socketError.message, /PermissionError|OSError/);
    await fails(
      `import urllib.request\nurllib.request.urlopen('http://127.0.0.1:${port}/', timeout=1).read()`,
    );
    await fails(`import pyodide.http\nawait pyodide.http.pyfetch('http://127.0.0.1:${port}/')`);
    await fails('import js\njs.fetch');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(connections, 0);
  });

  it('gives Python no way into the JavaScript host', async () => {
    const marker = join(tmpdir(), `spark-python-escape-${process.pid}`);
    rmSync(marker, { force: true });
    assert.match((await fails('import js\njs.process')).message, /AttributeError/);
    assert.match(
      (await fails("from pyodide.ffi import to_js\nto_js({}).constructor.constructor('return process')()"))
        .message,
      /disabled in the Python sandbox/,
    );
    assert.match((await fails('import pyodide_js\npyodide_js.FS')).message, /has no attribute 'FS'/);
    assert.match((await fails("from pyodide.code import run_js\nrun_js('1')")).message, /ImportError/);
    // Emscripten's system() would spawn a shell on the host; ctypes could reach eval. Both are dead.
    await fails(`import os\nos.system('touch ${marker}')`);
    await fails(`import ctypes\nctypes.CDLL(None).system(b'touch ${marker}')`);
    await fails(
      `import ctypes\nctypes.CDLL(None).emscripten_run_script_int(b'require("fs").writeFileSync("${marker}", "x")')`,
    );
    assert.equal(existsSync(marker), false);
    const after = await tool.run({ code: '1 + 1' }, ctx());
    assert.equal(after.result, 2);
  });

  it('stops an endless loop at the time limit, and the next call works', async () => {
    const started = Date.now();
    const error = await fails('while True: pass');
    assert.equal(error.code, 'TIMEOUT');
    assert.ok(Date.now() - started < 20_000);
    const next = await tool.run({ code: 'sum(range(10))' }, ctx());
    assert.equal(next.result, 45);
  });

  it('turns allocations past memoryMb into MEMORY_LIMIT, and stays usable', async () => {
    const error = await fails('blob = bytearray(600 * 1024 * 1024)');
    assert.equal(error.code, 'MEMORY_LIMIT');
    const next = await tool.run({ code: 'len(bytearray(10 * 1024 * 1024))' }, ctx());
    assert.equal(next.result, 10 * 1024 * 1024);
  });

  it('through the registry: idempotent, MEDIUM, and a call aborted by the run stops the worker', async () => {
    const registry = createToolRegistry([tool]);
    const [info] = registry.describe();
    assert.equal(info?.defaultRisk, 'MEDIUM');
    assert.equal(registry.isIdempotent('execute_python', { code: '1' }), true);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const outcome = await registry.execute(
      'execute_python',
      { code: 'while True: pass' },
      { ...ctx(), signal: controller.signal },
    );
    assert.equal(outcome.ok, false);
    assert.equal(!outcome.ok && outcome.error.code, 'ABORTED');
    const next = await registry.execute('execute_python', { code: '"ok"' }, ctx());
    assert.deepEqual(next.ok && next.result, { stdout: '', stderr: '', result: 'ok', resultType: 'json' });
  });
});

describe('hostile: each run gets its own Python interpreter', () => {
  const tool = createExecutePythonTool({ timeoutMs: 3000, memoryMb: 256, maxRunInterpreters: 2 });
  const inRun = (runId: string) => toolContext({ runId });
  afterAll(() => tool.close?.());

  it("one run's replaced modules and builtins never reach another run", async () => {
    const tampered = await tool.run(
      {
        code: 'import statistics, builtins\nstatistics.mean = lambda xs: 42\nbuiltins.sum = lambda xs, *rest: 1006\n[statistics.mean([1, 2, 3]), sum([1, 2, 3])]',
      },
      inRun('run-a'),
    );
    assert.deepEqual(tampered.result, [42, 1006], 'the change holds inside its own run');
    const other = await tool.run(
      { code: 'import statistics\n[statistics.mean([1, 2, 3]), sum([1, 2, 3])]' },
      inRun('run-b'),
    );
    assert.deepEqual(other.result, [2, 6]);
  });

  it('json.dumps = None breaks neither the run that did it nor the next run', async () => {
    const broke = await tool.run({ code: 'import json\njson.dumps = None\n"done"' }, inRun('run-c'));
    assert.equal(broke.result, 'done');
    const same = await tool.run({ code: '{"still": 1 + 1}' }, inRun('run-c'));
    assert.deepEqual(same.result, { still: 2 });
    const next = await tool.run({ code: 'import json\njson.dumps({"a": 1})' }, inRun('run-d'));
    assert.equal(next.result, '{"a": 1}');
  });

  it('a call that kills its interpreter fails that call only; another run is not held up', async () => {
    // The other run's interpreter is loaded first: on a busy machine loading one can take longer
    // than the time limit, and what is tested here is waiting behind the loop, not loading.
    assert.equal((await tool.run({ code: '0' }, inRun('run-f'))).result, 0);
    let endlessEndedAt = 0;
    const endless = tool.run({ code: 'while True: pass' }, inRun('run-e')).then(
      () => assert.fail('the endless loop should time out'),
      (error: unknown) => {
        endlessEndedAt = Date.now();
        return error;
      },
    );
    const other = await tool.run({ code: 'sum(range(10))' }, inRun('run-f'));
    const otherEndedAt = Date.now();
    assert.equal(other.result, 45);
    const error = await endless;
    assert.ok(error instanceof ToolError && error.code === 'TIMEOUT', String(error));
    // With one shared interpreter the other run's call would have waited behind the endless loop.
    assert.ok(otherEndedAt <= endlessEndedAt, 'the other run answered before the endless one was stopped');
    const again = await tool.run({ code: '"fresh"' }, inRun('run-e'));
    assert.equal(again.result, 'fresh');
  });
});
