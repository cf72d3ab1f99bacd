import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  // Relative asset paths, so the same build works at / and under a GitHub Pages sub-path (/kubeplay/).
  base: process.env.KUBEPLAY_BASE ?? './',
  build: {
    outDir: 'dist',
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'lessons/**/*.test.ts'],
    environment: 'node',
    benchmark: {
      include: ['bench/**/*.bench.ts'],
    },
  },
});
