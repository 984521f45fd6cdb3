import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { Route } from './http-server.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const BASE = '/maestro';

/**
 * Serves the built console (client/dist) under /maestro on the API's own port. Hashed assets are
 * cached for ever; every other path under /maestro gets index.html, so client-side routes
 * (/maestro/runs/:id) survive a reload. `/` redirects to the console.
 */
export function createConsoleRoute(options: { distDir: string }): Route {
  const root = normalize(options.distDir);
  return async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      response.writeHead(302, { location: `${BASE}/` });
      response.end();
      return true;
    }
    if (url.pathname !== BASE && !url.pathname.startsWith(`${BASE}/`)) return false;

    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname.slice(BASE.length)).replace(/^\/+/, '');
    } catch {
      return sendText(response, 400, 'Bad path encoding');
    }
    const file = normalize(join(root, relative));
    // `normalize` resolves `..`: anything that ends up outside the build folder is refused.
    if (file !== root && !file.startsWith(root + sep)) return sendText(response, 404, 'Not found');

    const asset = relative !== '' ? await fileStat(file) : null;
    if (asset) {
      const immutable = relative.startsWith('assets/');
      return sendFile(
        request,
        response,
        file,
        asset.size,
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    }
    // A missing file with an extension is a real 404, not a client route.
    if (extname(relative) !== '') return sendText(response, 404, 'Not found');
    const index = join(root, 'index.html');
    const indexStat = await fileStat(index);
    if (!indexStat) {
      return sendText(
        response,
        503,
        'The Maestro console is not built. Run `npm run build:client` (npm start does it when needed).',
      );
    }
    return sendFile(request, response, index, indexStat.size, 'no-cache');
  };
}

async function fileStat(path: string): Promise<{ size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { size: info.size } : null;
  } catch {
    return null;
  }
}

function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  size: number,
  cacheControl: string,
): true {
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(path).pipe(response);
  return true;
}

function sendText(response: ServerResponse, status: number, text: string): true {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
  return true;
}
