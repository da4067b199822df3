import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // MSW's worker script, served at the root, straight from @mdss-kit/mock (no copy to drift).
  publicDir: '../../packages/mock/public',
  server: {
    // With VITE_MDSS_MODE=proxy the page calls /api on its own origin: forward it to the proxy.
    proxy: { '/api': process.env.MDSS_PROXY_URL ?? 'http://127.0.0.1:8787' },
  },
});
