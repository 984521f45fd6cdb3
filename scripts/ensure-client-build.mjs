// Runs before `npm start`: builds the Maestro console when client/dist is missing or older than its
// sources, so the quick start (`npm ci && npm start`) serves a console without a separate step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sources = ['client/src', 'client/index.html', 'client/vite.config.ts', 'client/public'];
const built = 'client/dist/index.html';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

if (!existsSync('client/vite.config.ts')) process.exit(0);
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));
if (builtAt >= changedAt) process.exit(0);
process.stdout.write('Building the Maestro console (client/dist)…\n');
const result = spawnSync('npm', ['run', '--silent', 'build:client'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
