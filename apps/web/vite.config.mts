import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development `npm run dev -w @spfwatch/web` proxies the API (started separately on :3000);
// in production the API serves dist/ itself, so the app always talks to a same-origin /api.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/health': 'http://127.0.0.1:3000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
