import { describe, expect, it } from 'vitest';
import { proxyAddresses } from './proxy-flag.js';

describe('--trust-proxy', () => {
  it('takes addresses and CIDR ranges, v4 and v6', () => {
    expect(proxyAddresses(' 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    expect(proxyAddresses(undefined)).toBeUndefined();
  });

  it('refuses anything that would trust more than named (names, wildcards, bad masks)', () => {
    for (const bad of ['true', '*', 'proxy.local', '10.0.0.0/33', '10.0.0.1/8/2', ',', '10.0.0'])
      expect(() => proxyAddresses(bad), bad).toThrow(/--trust-proxy/);
  });
});
