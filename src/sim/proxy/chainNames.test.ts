import { describe, expect, it } from 'vitest';
import { endpointChain, serviceChain, sha256 } from './chainNames.ts';
import { iptablesProbability } from './proxyRules.ts';

const hex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('kube-proxy chain names', () => {
  it('hashes with SHA-256', () => {
    expect(hex(sha256('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256(''))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('names the kubernetes Service chain as every real cluster does', () => {
    expect(serviceChain('default/kubernetes:https', 'TCP')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(endpointChain('default/web', 'tcp', '10.244.1.2:80')).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
  });

  it('prints rule probabilities as iptables-save does', () => {
    expect(iptablesProbability(3)).toBe('0.33333333349');
    expect(iptablesProbability(2)).toBe('0.50000000000');
    expect(iptablesProbability(4)).toBe('0.25000000000');
  });
});
