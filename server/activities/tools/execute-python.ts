import { z } from 'zod';
import { BUILTIN_TOOL_RISK } from '../../safety/tool-risks.ts';
import { createInterpreterPool } from './python/interpreter-pool.ts';
import { createSingleWorker } from './single-worker.ts';
import { defineTool, type ToolDefinition, ToolError } from './tool.ts';

/** Configuration of {@link createExecutePythonTool}. */
export interface ExecutePythonToolOptions {
  /** Wall-clock limit for the code itself (the worker is terminated past it); default 10 s. */
  timeoutMs?: number;
  /** WebAssembly memory cap (Python gets MemoryError past it) and JS heap limit of the worker; default 256. */
  memoryMb?: number;
  /** How long loading Pyodide may take in a fresh worker; default 60 s. */
  startupTimeoutMs?: number;
  /** Runs that keep their own interpreter at once (see `createInterpreterPool`); default 4. */
  maxRunInterpreters?: number;
  /** A run's interpreter unused this long is closed; default 120 s. */
  idleMs?: number;
}

const paramsSchema = z.object({
  code: z
    .string()
    .min(1)
    .max(100_000)
    .describe('Python 3 source; the value of the last expression is returned'),
  inputs: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('JSON object available to the code as the dict `inputs`'),
});
/** What the model passes to execute_python. */
export type ExecutePythonParams = z.infer<typeof paramsSchema>;

/** Captured output and the last expression's value (`resultType` says how `result` is encoded). */
export interface ExecutePythonResult {
  stdout: string;
  stderr: string;
  /** JSON value when serialisable, the repr string otherwise, null when there was no value. */
  result: unknown;
  resultType: 'json' | 'repr' | 'none';
}

/**
 * `execute_python`: runs Python (Pyodide, standard library only) in a worker thread without host
 * files, network or JavaScript escape hatches (python/README.md), with a time and memory limit.
 * Each run gets its own interpreter (a warm spare makes its first call fast), so no run can change
 * another's modules; a run's calls take turns on it. A call that times out or crashes terminates
 * only that run's interpreter, and the run's next call gets a fresh one. Python exceptions are
 * non-retryable `PYTHON_EXCEPTION`s carrying the traceback. Idempotent (no side effects outside
 * the sandbox), MEDIUM risk.
 */
export function createExecutePythonTool(
  options: ExecutePythonToolOptions = {},
): ToolDefinition<ExecutePythonParams, ExecutePythonResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const memoryMb = options.memoryMb ?? 256;
  const startupTimeoutMs = options.startupTimeoutMs ?? 60_000;
  const pool = createInterpreterPool({
    create: () =>
      createSingleWorker({
        moduleUrl: new URL('./python/python-worker.ts', import.meta.url),
        label: 'Python sandbox',
        startupTimeoutMs,
        workerData: () => ({ memoryMb }),
        resourceLimits: { maxOldGenerationSizeMb: Math.max(128, memoryMb) },
      }),
    ...(options.maxRunInterpreters ? { maxRunInterpreters: options.maxRunInterpreters } : {}),
    ...(options.idleMs ? { idleMs: options.idleMs } : {}),
  });

  return defineTool({
    name: 'execute_python',
    description:
      'Run Python 3 code (standard library only; no network, no files of the host) and get stdout, stderr and the value ' +
      `of the last expression. The optional JSON object \`inputs\` is available as a dict named inputs. Limit: ${timeoutMs} ms, ${memoryMb} MB.`,
    inputSchema: paramsSchema,
    defaultRisk: BUILTIN_TOOL_RISK.execute_python,
    timeoutMs: timeoutMs + startupTimeoutMs,
    idempotent: true,
    async run(params, ctx) {
      const request = { code: params.code, inputsJson: JSON.stringify(params.inputs ?? {}) };
      const answer = await pool.use(ctx.runId, (worker) =>
        worker.run(request, {
          timeoutMs,
          signal: ctx.signal,
          onTimeout: () =>
            new ToolError('TIMEOUT', `The Python code ran longer than ${timeoutMs} ms and was stopped`, {
              retryable: false,
            }),
        }),
      );
      const stdout = String(answer.stdout ?? '');
      const stderr = String(answer.stderr ?? '');
      if (answer.ok === true) {
        const resultType = answer.kind === 'json' || answer.kind === 'repr' ? answer.kind : 'none';
        return { stdout, stderr, result: resultType === 'none' ? null : answer.value, resultType };
      }
      const message = String(answer.message ?? answer.type ?? 'Python failed').trimEnd();
      const withOutput =
        stdout === '' ? message : `${message}\n--- stdout before the error ---\n${stdout.slice(-2000)}`;
      if (answer.type === 'MemoryError') {
        throw new ToolError('MEMORY_LIMIT', `Python ran out of memory (${memoryMb} MB): ${withOutput}`, {
          retryable: false,
        });
      }
      throw new ToolError('PYTHON_EXCEPTION', withOutput, { retryable: false });
    },
    close: () => pool.close(),
  });
}
