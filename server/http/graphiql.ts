// The GraphQL explorer (GraphiQL) at /graphql, working offline. graphql-yoga's default page loads
// GraphiQL from a CDN, so without internet it stays on "Loading…". Here the page is small and every
// asset it needs — script, stylesheet, Monaco's editor/JSON/GraphQL workers, icon — is served by
// this server under ASSET_PREFIX, from the installed @graphql-yoga/render-graphiql package (which
// bundles GraphiQL and its plugins). Only mounted where GraphiQL is on (development, or
// GRAPHQL_INTROSPECTION=true).
import { createHash } from 'node:crypto';
import type { GraphiQLOptions } from 'graphql-yoga';
import type { Route } from './http-server.ts';

export const ASSET_PREFIX = '/graphql-explorer/';

interface Asset {
  contentType: string;
  body: Buffer;
  etag: string;
}

/** File name → which export of the bundle it is, and its type. */
const FILES = {
  'graphiql.js': ['js', 'text/javascript; charset=utf-8'],
  'graphiql.css': ['css', 'text/css; charset=utf-8'],
  'editor.worker.js': ['editorWorkerService', 'text/javascript; charset=utf-8'],
  'json.worker.js': ['jsonWorker', 'text/javascript; charset=utf-8'],
  'graphql.worker.js': ['graphqlWorker', 'text/javascript; charset=utf-8'],
} as const;
type FileName = keyof typeof FILES | 'favicon.ico';

let assets: Promise<Map<string, Asset>> | null = null;

/** The bundle is 9 MB of JavaScript: loaded on the first request for it, once per process. */
function loadAssets(): Promise<Map<string, Asset>> {
  assets ??= import('@graphql-yoga/render-graphiql/graphiql').then((bundle) => {
    const asset = (contentType: string, body: Buffer): Asset => ({
      contentType,
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    });
    const map = new Map<string, Asset>();
    for (const [name, [key, type]] of Object.entries(FILES)) {
      map.set(name, asset(type, Buffer.from(bundle[key], 'utf8')));
    }
    // The bundle's icon is a data: URL; served as a file so the page references only this server.
    const [, base64 = ''] = /^data:image\/x-icon;base64,(.*)$/s.exec(bundle.favicon) ?? [];
    map.set('favicon.ico', asset('image/x-icon', Buffer.from(base64, 'base64')));
    return map;
  });
  return assets;
}

const url = (name: FileName) => `${ASSET_PREFIX}${name}`;

/** JSON inside an inline <script>: `<` escaped so no value can close the script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

/** The explorer page: yoga's `renderGraphiQL`, referencing this server's copies of the assets. */
export function renderOfflineGraphiQL(options: GraphiQLOptions): string {
  const title = (options.title ?? 'Spark-Ops GraphQL explorer').replace(/[<>&"]/g, '');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${url('favicon.ico')}" />
    <link rel="stylesheet" href="${url('graphiql.css')}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script>
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) {
          return ${scriptJson({
            editorWorkerService: url('editor.worker.js'),
            json: url('json.worker.js'),
            graphql: url('graphql.worker.js'),
          })}[label];
        },
      };
    </script>
    <script src="${url('graphiql.js')}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
}

/** GET/HEAD ASSET_PREFIX<file>: the explorer's assets, cached by the browser (ETag, revalidated). */
export function createGraphiqlAssetsRoute(): Route {
  return async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(ASSET_PREFIX) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return false;
    }
    const asset = (await loadAssets()).get(path.slice(ASSET_PREFIX.length));
    if (!asset) return false;
    const headers = { etag: asset.etag, 'cache-control': 'no-cache', 'content-type': asset.contentType };
    if (request.headers['if-none-match'] === asset.etag) {
      response.writeHead(304, headers);
      response.end();
      return true;
    }
    response.writeHead(200, { ...headers, 'content-length': asset.body.length });
    response.end(request.method === 'HEAD' ? undefined : asset.body);
    return true;
  };
}
