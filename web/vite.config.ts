import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is served by `hilo serve` from web/dist; in development, API calls go to a running server.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:4100' } },
});
