// Vite for the Maestro console: served by the API server under /maestro from client/dist.
// `npm run dev:client` proxies /graphql (HTTP and websocket) to the API (MAESTRO_API_URL or :8000).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const api = process.env.MAESTRO_API_URL ?? 'http://localhost:8000';
const base = '/maestro/';

/**
 * The run page is where links, alerts and notifications land, and its chunk is the largest: the
 * built index.html asks for it (and what it imports) beside the entry, so opening a run does not
 * wait for the entry to run before its page starts to download. Other pages still load on demand.
 */
function preloadRunPage(): Plugin {
  return {
    name: 'maestro-preload-run-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const page = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/routes/run-page.tsx'));
        if (!page) throw new Error('preload-run-page: no chunk for src/routes/run-page.tsx');
        const files = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = chunks.find((candidate) => candidate.fileName === fileName);
          if (!chunk || chunk.isEntry || files.has(fileName)) return;
          files.add(fileName);
          for (const imported of chunk.imports) visit(imported);
        };
        visit(page.fileName);
        // The entry's own static imports are preloaded by Vite already.
        return [...files]
          .filter((fileName) => !html.includes(fileName))
          .map((fileName) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${fileName}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base,
  plugins: [react(), preloadRunPage()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
    },
  },
});
