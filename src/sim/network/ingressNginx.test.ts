import { describe, expect, it } from 'vitest';
import { hostMatches, pathMatches } from './ingressNginx.ts';
import { cidrContains } from './networkPolicy.ts';

describe('ingress matching', () => {
  it.each([
    ['Prefix', '/foo', '/foo', true],
    ['Prefix', '/foo', '/foo/', true],
    ['Prefix', '/foo', '/foo/bar', true],
    ['Prefix', '/foo', '/foobar', false],
    ['Prefix', '/foo/', '/foo', true],
    ['Prefix', '/', '/anything', true],
    ['Exact', '/foo', '/foo', true],
    ['Exact', '/foo', '/foo/', false],
    ['ImplementationSpecific', '/foo', '/foobar', true],
  ])('%s %s against %s → %s', (type, rule, path, want) => {
    expect(pathMatches(type, rule, path)).toBe(want);
  });

  it.each([
    ['*.foo.com', 'bar.foo.com', true],
    ['*.foo.com', 'baz.bar.foo.com', false],
    ['*.foo.com', 'foo.com', false],
    ['foo.com', 'foo.com', true],
  ])('host %s matches %s → %s', (rule, host, want) => {
    expect(hostMatches(rule, host)).toBe(want);
  });
});

describe('ipBlock matching', () => {
  it.each([
    ['172.18.0.0/16', '172.18.1.9', true],
    ['172.18.0.0/16', '172.19.0.1', false],
    ['10.244.1.0/24', '10.244.1.255', true],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['10.0.0.1/32', '10.0.0.1', true],
    ['bad', '10.0.0.1', false],
  ])('%s contains %s → %s', (cidr, ip, want) => {
    expect(cidrContains(cidr, ip)).toBe(want);
  });
});
