import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { FakeAnswer } from '../server/activities/providers/fake-provider.ts';
import type { ReasoningProvider } from '../server/activities/providers/provider.ts';
import type { ReasoningRequest } from '../server/engine/conversation.ts';

/** Shared helpers for benchmarks: each figure is one JSON line on stdout. */
export function report(figure: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...figure, at: new Date().toISOString() })}\n`);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Runs `worker` in `concurrency` loops for `durationMs`; returns completed operations per second. */
export async function throughput(
  concurrency: number,
  durationMs: number,
  worker: (writer: number, i: number) => Promise<unknown>,
): Promise<number> {
  const deadline = Date.now() + durationMs;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, writer) => {
      for (let i = 0; Date.now() < deadline; i++) {
        await worker(writer, i);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

export const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/**
 * A zero-latency model for benches: `next` picks each turn's answer (a tool call or the final one)
 * from the request; usage is fixed and nothing is recorded, so the bench measures the platform.
 */
export function instantModel(next: (request: ReasoningRequest) => FakeAnswer): ReasoningProvider {
  return {
    name: 'fake',
    async reason(request) {
      const answer = next(request);
      return {
        text: answer.text ?? '',
        toolCalls: answer.toolCalls ?? [],
        model: request.model,
        usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 0, reasoningTokens: 0 },
        costUsd: 0,
        latencyMs: 0,
        requestHash: 'bench',
      };
    },
  };
}

/**
 * Runs `task` under the V8 CPU profiler when BENCH_CPU_PROFILE names a path prefix, and writes
 * `<prefix>-<name>.cpuprofile` (open it in Chrome's DevTools): the measured section only, without
 * the process's start-up. Without the variable, or without a name, it only runs `task`.
 */
export async function profiled<T>(name: string, task: () => Promise<T>): Promise<T> {
  const prefix = process.env.BENCH_CPU_PROFILE;
  if (!prefix || !name) return task();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await task();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${prefix}-${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

/** CPU time every process of the machine spent, in ms, from /proc/stat (null where there is none). */
function machineBusyMs(): number | null {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/) ?? [];
    const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
    // USER_HZ is 100 on every Linux that Node supports.
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10;
  } catch {
    return null;
  }
}

/** CPU ms per unit of work: this process's, and the whole machine's (null where unknown). */
export interface CpuPerUnit {
  process_cpu_ms: number;
  machine_cpu_ms: number | null;
}

/**
 * Starts counting CPU time; `per(n)` gives ms per unit of work since the start: this process's own
 * (user + system) and, on Linux, the whole machine's (this process, the database, everything).
 * Unlike a rate, CPU per unit barely moves when a noisy machine lends its cores elsewhere, so it is
 * what an A/B of a change is read from.
 */
export function cpuMeter() {
  const processStart = process.cpuUsage();
  const machineStart = machineBusyMs();
  return {
    per(units: number): CpuPerUnit {
      const { user, system } = process.cpuUsage(processStart);
      const machineNow = machineBusyMs();
      const round = (ms: number) => Math.round((ms / units) * 1000) / 1000;
      return {
        process_cpu_ms: round((user + system) / 1000),
        machine_cpu_ms:
          machineStart === null || machineNow === null ? null : round(machineNow - machineStart),
      };
    },
  };
}
