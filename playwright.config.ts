import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const isCI = !!process.env.CI;
const PORT = 4173;
const BASE_URL = `http://127.0.0.1:${String(PORT)}`;

// Playwright cannot download browsers on the closed network: use Debian's Chromium when present.
// KUBEPLAY_CHROMIUM=/path picks another binary; KUBEPLAY_CHROMIUM=bundled (GitHub CI) or no
// /usr/bin/chromium means Playwright's own browser (`npx playwright install chromium`).
function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.KUBEPLAY_CHROMIUM;
  if (fromEnv === 'bundled' || fromEnv === '') return undefined;
  if (fromEnv !== undefined) return fromEnv;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
const chromiumPath = chromiumExecutable();

export default defineConfig({
  testDir: 'e2e',
  // Artifacts (traces, screenshots) go in a sub-folder: Playwright empties its outputDir at start, and
  // test-results/ also holds the unit and lesson result files that .ci/count-results.mjs sums.
  outputDir: 'test-results/e2e-artifacts',
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    baseURL: BASE_URL,
    trace: 'on-first-retry',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(chromiumPath === undefined ? {} : { executablePath: chromiumPath }),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // --host: `localhost` may resolve to ::1 only, and the URL below is IPv4.
    command: `npx vite preview --host 127.0.0.1 --port ${String(PORT)} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !isCI,
    timeout: 60_000,
  },
});
