import { expect, test } from './fixtures/fixtures.ts';

test('cordon and uncordon a node from the inspector', async ({ app, page }) => {
  await app.open();
  await app.map.node('node-1').click();
  await page.getByRole('button', { name: 'Cordon' }).click();
  await expect(app.map.node('node-1')).toHaveAccessibleName(
    'Node node-1, Ready,SchedulingDisabled',
  );
  await app.terminal.open();
  await expect.poll(() => app.terminal.text()).toContain('node/node-1 cordoned');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByRole('button', { name: 'Uncordon' }).click();
  await expect(app.map.node('node-1')).toHaveAccessibleName('Node node-1, Ready');
});

test('add node: node-4 joins and turns Ready', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'Add node' }).click();
  await expect(app.map.node('node-4')).toBeVisible();
  await app.advance(30_000);
  await expect(app.map.node('node-4')).toHaveAccessibleName('Node node-4, Ready');
});

test('keyboard: Tab to a pod, Enter opens it in the inspector; the live region announces scheduling', async ({
  app,
  page,
}) => {
  await app.open();
  await app.editor.applyButton().click();
  await expect(page.getByRole('status').filter({ hasText: /scheduled to node-\d/ })).toHaveCount(1);
  const pod = app.map.pods().first();
  await pod.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('button', { name: 'Delete pod' })).toBeVisible();
  await app.map.node('node-2').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Fail node' })).toBeVisible();
  await expect(page.locator('table.conditions')).toContainText('Ready');
});

test('editor: new file from a template, rename, apply; a failed apply reports the error', async ({
  app,
  page,
}) => {
  await app.open();
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('menuitem', { name: 'Pod' }).click();
  await expect(page.getByRole('tab', { name: 'pod.yaml' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.getByRole('button', { name: 'Rename pod.yaml' }).click();
  const input = page.getByRole('textbox', { name: 'New name for pod.yaml' });
  await input.fill('hello.yaml');
  await input.press('Enter');
  await expect(page.getByRole('tab', { name: 'hello.yaml' })).toBeVisible();
  await app.editor.applyButton().click();
  await expect(app.editor.results()).toContainText('pod/hello created');
  // An empty file: Apply reports kubectl's error and the file stays.
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('menuitem', { name: 'Empty file' }).click();
  await expect(page.getByRole('tab', { name: 'untitled.yaml' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await app.editor.applyButton().click();
  await expect(app.editor.results()).toHaveAttribute('data-ok', 'false');
});

test('editor: Monaco validates manifests against the Kubernetes schema', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('menuitem', { name: 'Empty file' }).click();
  const editor = page.getByTestId('monaco-host');
  await expect(editor).toBeVisible({ timeout: 20_000 });
  await editor.locator('.view-lines').click();
  await page.keyboard.insertText(
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: five\n',
  );
  await expect(editor.locator('.squiggly-warning, .squiggly-error').first()).toBeVisible({
    timeout: 20_000,
  });
  // Ctrl+Enter applies the file from the editor; kubectl reports the invalid field.
  await page.keyboard.press('Control+Enter');
  await expect(app.editor.results()).toHaveAttribute('data-ok', 'false');
});
