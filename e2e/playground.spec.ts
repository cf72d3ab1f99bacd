import { expect, test } from './fixtures/fixtures.ts';

test('loads with the cluster view, the starter file and no outside requests', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(page).toHaveTitle(/Kubeplay/);
  for (const name of ['control-plane', 'node-1', 'node-2', 'node-3'])
    await expect(app.map.node(name)).toHaveAccessibleName(`Node ${name}, Ready`);
  await expect(page.getByRole('tab', { name: 'deployment.yaml' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('timer', { name: 'Virtual clock' })).toContainText('paused');
});

test('Apply in the editor → three pods Running in the cluster view', async ({ app }) => {
  await app.open();
  await app.editor.applyButton().click();
  await expect(app.editor.results()).toContainText('deployment.apps/web created');
  await expect(app.map.pods()).toHaveCount(3);
  await app.advance(30_000);
  await expect(app.map.pods('Running')).toHaveCount(3);
  const pods = (await app.snapshot()).pods.filter((p) => p.name.startsWith('web-'));
  expect(pods.map((p) => p.status)).toEqual(['Running', 'Running', 'Running']);
});

test('kubectl get pods typed in the terminal prints the table', async ({ app, page }) => {
  await page.setViewportSize({ width: 1440, height: 860 });
  await app.open();
  await app.editor.applyButton().click();
  await app.advance(30_000);
  await app.terminal.open();
  await app.terminal.run('kubectl get pods');
  await expect.poll(() => app.terminal.text()).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  await expect
    .poll(() => app.terminal.text())
    .toMatch(/web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+30s/);
});

test('terminal: history, a heredoc apply and errors in kubectl words', async ({ app, page }) => {
  await app.open();
  await app.terminal.open();
  await app.terminal.run('kubectl get nodes');
  await expect.poll(() => app.terminal.text()).toMatch(/node-3\s+Ready/);
  await app.terminal.run('kubectl get foo');
  await expect
    .poll(() => app.terminal.text())
    .toContain(`error: the server doesn't have a resource type "foo"`);
  await app.terminal.input.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await app.terminal.text()).match(/node-3\s+Ready/g)?.length)
    .toBe(2);
  await app.terminal.type('kubectl apply -f - <<EOF');
  await page.keyboard.press('Enter');
  for (const line of ['apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: team-a', 'EOF']) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => app.terminal.text()).toContain('namespace/team-a created');
});

test('deleting a pod from the inspector: the ReplicaSet replaces it', async ({ app, page }) => {
  await app.open();
  await app.editor.applyButton().click();
  await app.advance(30_000);
  const first = app.map.pods('Running').first();
  const name = ((await first.getAttribute('aria-label')) ?? '').replace(/^Pod (.+), .*$/, '$1');
  await first.click();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.locator('.yaml')).toContainText(`name: ${name}`);
  await page.getByRole('button', { name: 'Delete pod' }).click();
  await app.advance(40_000);
  await expect(app.map.pods('Running')).toHaveCount(3);
  await expect(page.getByRole('button', { name: new RegExp(`^Pod ${name},`) })).toHaveCount(0);
});

test('node fail: the node turns NotReady once the lease expires', async ({ app, page }) => {
  await app.open();
  await app.map.node('node-2').click();
  await page.getByRole('button', { name: 'Fail node' }).click();
  await app.advance(60_000);
  await expect(app.map.node('node-2')).toHaveAccessibleName(/^Node node-2, (NotReady|Unknown)/);
  await page.getByRole('button', { name: 'Recover node' }).click();
  await app.advance(30_000);
  await expect(app.map.node('node-2')).toHaveAccessibleName(/^Node node-2, Ready/);
});

test('events tab lists kubectl events and filters them', async ({ app, page }) => {
  await app.open();
  await app.editor.applyButton().click();
  await app.advance(10_000);
  await page.getByRole('tab', { name: 'Events' }).click();
  const table = page.getByRole('table', { name: 'Events' });
  await expect(table).toContainText('ScalingReplicaSet');
  await page.getByRole('searchbox', { name: 'Filter events' }).fill('Scheduled');
  await expect(table.locator('tbody tr').first()).toContainText(
    'Successfully assigned default/web-',
  );
});

test('playback: speed, pause and step move the virtual clock', async ({ app, page }) => {
  await app.open('e2e&seed=1');
  const clock = page.getByRole('timer', { name: 'Virtual clock' });
  await page.getByRole('radio', { name: '60×' }).click();
  await expect(clock).toContainText('running 60×');
  const t0 = (await app.snapshot()).simTimeMs;
  await expect.poll(async () => (await app.snapshot()).simTimeMs - t0).toBeGreaterThan(5_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(clock).toContainText('paused');
  const t1 = (await app.snapshot()).simTimeMs;
  await page.getByRole('button', { name: 'Step one second' }).click();
  expect((await app.snapshot()).simTimeMs - t1).toBe(1000);
});

test('the Lessons tab loads the lesson tracks on first use', async ({ app, page }) => {
  await app.open();
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(page.getByRole('navigation', { name: 'Lesson tracks' })).toBeVisible();
});
