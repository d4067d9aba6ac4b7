import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/web under a strict CSP (script-src 'self'; style-src 'self'): Vite emits
// the entry script and every stylesheet as files, and no inline script is needed.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // The graph and chart libraries are lazy chunks of the incident page; a warning past this size
    // means something heavy slipped into the initial bundle.
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
  },
});
