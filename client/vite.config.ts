// Vite for the Maestro console: served by the API server under /maestro from client/dist.
// `npm run dev:client` proxies /graphql (HTTP and websocket) to the API (MAESTRO_API_URL or :8000).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.MAESTRO_API_URL ?? 'http://localhost:8000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/maestro/',
  plugins: [react()],
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
