import { defineConfig } from 'vite';

// The Quarkus app serves whatever lands in META-INF/resources; Maven runs this build before packaging.
export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.TENSORMARK_WEB_OUT ?? 'dist',
    // Maven points the output at target/classes; only the stand-alone dist/ is emptied first.
    emptyOutDir: !process.env.TENSORMARK_WEB_OUT,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
