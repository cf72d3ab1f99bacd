#!/usr/bin/env bash
# Regenerates golden.json from a real kubectl v1.32 client: `kubectl explain <case>` for every line
# of cases.txt, against ../../cmd/create/testdata/fakeDiscovery.py, which serves discovery and the
# OpenAPI v3 documents in /work/shared/k8s-openapi/v3 (the same documents generated/explain.json
# is built from). Tests never run kubectl; they read golden.json.
set -euo pipefail
cd "$(dirname "$0")"
PORT=18091
python3 ../../cmd/create/testdata/fakeDiscovery.py "$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 2
export KUBECONFIG=/dev/null
node - "$PORT" <<'JS'
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const port = process.argv[2];
const out = {};
for (const line of fs.readFileSync('cases.txt', 'utf8').split('\n').filter(Boolean)) {
  let stdout = '', stderr = '', exitCode = 0;
  try {
    stdout = execFileSync('kubectl', [`--server=http://127.0.0.1:${port}`, 'explain', ...line.split(' ')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    stdout = e.stdout; stderr = e.stderr; exitCode = e.status;
  }
  out[line] = { stdout, stderr, exitCode };
}
fs.writeFileSync('golden.json', JSON.stringify(out, null, 2) + '\n');
JS
