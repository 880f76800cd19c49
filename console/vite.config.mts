/**
 * The posture console's build: `vite build console` (run by `npm ci` through `prepare`, and by
 * `npm start` when `console/dist` is missing). Everything is bundled: no CDN, no external fonts.
 * `base: './'` keeps asset URLs relative, so the same build serves at `/console/` on the embedded
 * default and at `/` of the CloudFront distribution.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Cacheable vendor chunks apart from the app's own code.
        codeSplitting: {
          groups: [
            { name: 'charts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'aws-sdk', test: /node_modules[\\/](@aws-sdk|@smithy|@aws-crypto)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack)/ },
          ],
        },
      },
    },
  },
});
