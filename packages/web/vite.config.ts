import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server (`caravan start`) serves `dist/`; in development Vite proxies the API to it.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
