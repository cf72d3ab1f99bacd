import { expect, test } from './fixtures/fixtures.ts';

test('follows the system theme, and the toggle switches and remembers it', async ({
  app,
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open();
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(244, 246, 250)');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('reduced motion: the cluster map changes instantly', async ({ app, page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open();
  await expect(page.locator('.cluster-map-scroll')).toHaveAttribute('data-reduced-motion', 'true');
  await app.editor.applyButton().click();
  const pod = app.map.pods().first();
  await expect(pod).toBeVisible();
  const duration = await pod.evaluate((el) => getComputedStyle(el).transitionDuration);
  expect(duration.split(',').every((d) => parseFloat(d) === 0)).toBe(true);
});

test('main view screenshot (light and dark)', async ({ app, page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 860 });
  await app.open();
  await app.editor.applyButton().click();
  await app.advance(3_000);
  await page.waitForTimeout(600);
  await page.screenshot({ path: testInfo.outputPath('main-light.png') });
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await app.advance(30_000);
  await page.waitForTimeout(600);
  await page.screenshot({ path: testInfo.outputPath('main-dark.png') });
});

test('1280×720: inspector on a selected pod, nothing cut off', async ({ app, page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open();
  await app.editor.applyButton().click();
  await app.advance(20_000);
  await app.map.pods('Running').first().click();
  await expect(page.getByRole('button', { name: 'Delete pod' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Apply', exact: true })).toBeInViewport();
  await page.waitForTimeout(400);
  await page.screenshot({ path: testInfo.outputPath('inspector-1280.png') });
});
