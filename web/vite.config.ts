import { defineConfig } from "vite";

// `npm run dev` proxies /api to a running `dyad serve` (DYAD_API, default http://127.0.0.1:8080).
const api = process.env.DYAD_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "./",
  server: {
    host: "127.0.0.1",
    proxy: { "/api": { target: api, changeOrigin: true } },
  },
  preview: {
    host: "127.0.0.1",
    proxy: { "/api": { target: api, changeOrigin: true } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      output: {
        manualChunks: { echarts: ["echarts"] },
      },
    },
  },
});
