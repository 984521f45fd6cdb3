// Loaded into every cluster process by bench/soak.ts (NODE_OPTIONS=--import): the process appends
// its V8 heap in use to SOAK_HEAP_DIR/<pid>.jsonl every SOAK_HEAP_EVERY_MS, so the soak measures
// each process's heap from outside without a debug port or a change to the server.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.SOAK_HEAP_DIR;
// Worker threads have heaps of their own: the main thread's is the one measured.
if (dir && isMainThread) {
  const file = join(dir, `${process.pid}.jsonl`);
  const every = Number(process.env.SOAK_HEAP_EVERY_MS) || 2000;
  const sample = () =>
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), heap: process.memoryUsage().heapUsed })}\n`);
  setInterval(sample, every).unref();
}
