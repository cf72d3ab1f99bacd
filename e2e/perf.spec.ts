/**
 * Prints load and frame figures (not asserted: timings vary by machine). Run with the suite; the
 * figures appear in the list reporter's output and as test annotations.
 */
import { test } from './fixtures/fixtures.ts';

test('figures: time to a usable app, long tasks and frame times at 60×', async ({
  app,
  page,
}, testInfo) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const started = Date.now();
  await app.open('e2e&seed=1');
  await app.map.node('node-3').waitFor();
  const usableMs = Date.now() - started;
  await app.editor.applyButton().click();
  await page.getByRole('radio', { name: '60×' }).click();
  await app.run('kubectl scale deployment web --replicas=30');
  const frames = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const times: number[] = [];
        let last = performance.now();
        const tick = (now: number) => {
          times.push(now - last);
          last = now;
          if (times.length < 300) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
  );
  const longTasks = await page.evaluate(
    () => (window as unknown as { __longTasks: number[] }).__longTasks,
  );
  frames.sort((a, b) => a - b);
  const pct = (p: number) => (frames[Math.floor((frames.length - 1) * p)] ?? 0).toFixed(1);
  const figures = [
    `usable after ${String(usableMs)} ms (navigation to node cards visible)`,
    `frame time at 60× with 30 web pods: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms`,
    `long tasks (>50 ms) during load and run: ${String(longTasks.length)}, longest ${Math.max(0, ...longTasks).toFixed(0)} ms`,
  ];
  for (const f of figures) {
    console.log(`[figures] ${f}`);
    testInfo.annotations.push({ type: 'figure', description: f });
  }
});
