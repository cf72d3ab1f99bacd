/**
 * kubectl's error wording for bad input, each checked against the real kubectl v1.32 client by
 * hand (see the commit); bad input never throws out of the engine.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { Shell } from './engine.ts';

const NO_RESOURCE =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

const CASES: [string, string][] = [
  ['kubectl get foo', 'error: the server doesn\'t have a resource type "foo"\n'],
  ['kubectl get pods --foo', "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
  [
    'kubectl get pods -z',
    "Error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n",
  ],
  [
    'kubectl get pods -o',
    "Error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n",
  ],
  [
    'kubectl create deployment web --image=nginx --bogus',
    "Error: unknown flag: --bogus\nSee 'kubectl create deployment --help' for usage.\n",
  ],
  [
    'kubectl create deployment web --image=nginx --replicas=x',
    'Error: invalid argument "x" for "-r, --replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl create deployment --help\' for usage.\n',
  ],
  [
    'kubectl gett pods',
    'Error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n',
  ],
  ['kubectl create deployment', 'error: required flag(s) "image" not set\n'],
  ['kubectl create', 'error: must specify one of -f and -k\n'],
  [
    'kubectl create foo bar',
    "error: Unexpected args: [foo bar]\nSee 'kubectl create -h' for help and examples\n",
  ],
  [
    'kubectl create namespace a b',
    "error: exactly one NAME is required, got 2\nSee 'kubectl create namespace -h' for help and examples\n",
  ],
  [
    'kubectl create configmap c --from-literal=a',
    'error: invalid literal source a, expected key=value\n',
  ],
  [
    'kubectl create service clusterip web',
    'error: at least one tcp port specifier must be provided\n',
  ],
  ['kubectl create job j', 'error: either --image or --from must be specified\n'],
  [
    'kubectl create pdb p --selector=app=x',
    'error: one of min-available or max-unavailable must be specified\n',
  ],
  [
    'kubectl create rolebinding rb',
    'error: exactly one of clusterrole or role must be specified\n',
  ],
  [
    'kubectl create ingress i --rule=foo',
    'error: rule foo is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n',
  ],
  [
    'kubectl label',
    'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n',
  ],
  ['kubectl delete', NO_RESOURCE],
  ['kubectl expose', NO_RESOURCE],
  ['kubectl scale deploy web', 'error: required flag(s) "replicas" not set\n'],
  ['kubectl taint nodes', 'error: at least one taint update is required\n'],
  [
    'kubectl patch deploy web',
    'error: must specify --patch or --patch-file containing the contents of the patch\n',
  ],
  ['kubectl replace', 'error: must specify one of -f and -k\n'],
  ['kubectl diff', 'error: must specify one of -f and -k\n'],
  ['kubectl wait', 'error: unrecognized condition: ""\n'],
  [
    'kubectl get pods -o foo',
    'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
  ],
  [
    'kubectl config foo',
    'error: unknown command "foo"\nSee \'kubectl config -h\' for help and examples\n',
  ],
  ['kubectl explain foo', 'the server doesn\'t have a resource type "foo"\n'],
  ['kubectl get deploy nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
  [
    'kubectl delete deploy nope',
    'Error from server (NotFound): deployments.apps "nope" not found\n',
  ],
];

describe('error messages', () => {
  const shell = new Shell(createCluster());
  it.each(CASES)('%s', (line, want) => {
    const r = shell.run(line);
    expect(`${r.stdout}${r.stderr}`).toBe(want);
    expect(r.exitCode).toBe(1);
  });

  it('says plainly when a command is not simulated', () => {
    const r = shell.run('kubectl port-forward svc/web 8080:80');
    expect(r.stderr).toMatch(/^error: "kubectl port-forward" is not simulated yet/);
  });
});
