#!/usr/bin/env bash
# Regenerates golden.json from a real kubectl v1.32 client: every line of cases.txt run with
# --dry-run=client -o yaml and -o json. Commands that need discovery (role, run, expose, autoscale)
# talk to fakeDiscovery.py, a stub serving only discovery documents and two fixture objects.
# Tests never run kubectl; they read golden.json.
set -euo pipefail
cd "$(dirname "$0")"
PORT=18089
python3 fakeDiscovery.py "$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
export KUBECONFIG=/dev/null
rm -rf "$HOME/.kube/cache/discovery/127.0.0.1_$PORT"
node - "$PORT" <<'JS'
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const port = process.argv[2];
const words = (line) => execFileSync('bash', ['-c', 'for w in ' + line + '; do printf "%s\\0" "$w"; done'], { encoding: 'utf8' }).split('\0').slice(0, -1);
const out = {};
for (const line of fs.readFileSync('cases.txt', 'utf8').split('\n').filter(Boolean)) {
  for (const format of ['yaml', 'json']) {
    const argv = words(line);
    const dash = argv.indexOf('--');
    const flags = ['--dry-run=client', '-o', format, `--server=http://127.0.0.1:${port}`];
    const full = dash < 0 ? [...argv, ...flags] : [...argv.slice(0, dash), ...flags, ...argv.slice(dash)];
    let stdout = '', stderr = '', exitCode = 0;
    try {
      stdout = execFileSync('kubectl', full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      stdout = e.stdout; stderr = e.stderr; exitCode = e.status;
    }
    out[`${line} -o ${format}`] = { stdout, stderr, exitCode };
  }
}
fs.writeFileSync('golden.json', JSON.stringify(out, null, 2) + '\n');
JS
