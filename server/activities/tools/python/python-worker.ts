// Worker thread running Pyodide for execute_python. Loaded from the npm package's own files (no
// network). Before any agent code runs, lockDown() removes what would reach the host (README.md).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';
import { lockDown } from './lock-down.ts';
import { OutputCapture } from './output-capture.ts';
import { RUNNER_SOURCE } from './runner-source.ts';

interface RunRequest {
  id: number;
  code: string;
  inputsJson: string;
}

const port = parentPort;
if (!port) throw new Error('python-worker must run in a worker thread');
const { memoryMb } = workerData as { memoryMb: number };

capWasmMemory(memoryMb * 1024 * 1024);
const stdout = new OutputCapture();
const stderr = new OutputCapture();
const indexURL = `${dirname(createRequire(import.meta.url).resolve('pyodide/package.json'))}/`;
const py = await loadPyodide({
  indexURL,
  // The `js` module sees this object instead of globalThis: no fetch, process, require or eval.
  jsglobals: Object.create(null),
  env: { HOME: '/home/pyodide' },
  stdout: (line) => stdout.writeLine(line),
  stderr: (line) => stderr.writeLine(line),
});
py.setStdout({ write: (bytes: Uint8Array) => stdout.write(bytes) });
py.setStderr({ write: (bytes: Uint8Array) => stderr.write(bytes) });
const namespace = py.toPy({}) as unknown as { get(name: string): unknown };
py.runPython(RUNNER_SOURCE, { globals: namespace as never });
const runner = namespace.get('run') as (code: string, inputsJson: string) => unknown;
lockDown(py);
port.postMessage({ type: 'ready' });

port.on('message', async (request: RunRequest) => {
  stdout.reset();
  stderr.reset();
  let answer: Record<string, unknown>;
  try {
    const outcome = runner(request.code, request.inputsJson) as unknown as Promise<string>;
    answer = JSON.parse(await outcome) as Record<string, unknown>;
  } catch (error) {
    answer = {
      ok: false,
      type: 'InternalError',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage({ ...answer, id: request.id, stdout: stdout.text(), stderr: stderr.text() });
});

/** Makes WebAssembly memory growth past `limitBytes` fail, which Python reports as MemoryError. */
function capWasmMemory(limitBytes: number): void {
  // tsconfig has no DOM lib, so the WebAssembly global is typed here for the one method used.
  type WasmMemory = { buffer: ArrayBuffer; grow(pages: number): number };
  const { prototype } = (globalThis as unknown as { WebAssembly: { Memory: { prototype: WasmMemory } } })
    .WebAssembly.Memory;
  const grow = prototype.grow;
  prototype.grow = function cappedGrow(this: WasmMemory, pages: number): number {
    if (this.buffer.byteLength + pages * 65_536 > limitBytes) throw new RangeError('memory limit reached');
    return grow.call(this, pages);
  };
}
