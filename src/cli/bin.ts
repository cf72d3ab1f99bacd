/** Process entry of the `kubeplay` bin (see bin/kubeplay.mjs). */
import { readFileSync } from 'node:fs';
import { runCli } from './main.ts';

process.exitCode = runCli({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  readStdin: () => readFileSync(0, 'utf8'),
  write: (text) => process.stdout.write(text),
  writeError: (text) => process.stderr.write(text),
});
