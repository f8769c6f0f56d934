import { isIP } from 'node:net';
import { HiloError } from '../core/errors.js';

/**
 * `--trust-proxy 10.0.0.5,10.1.0.0/16` → its addresses; each must be an IP address or a CIDR
 * range, so a typo never turns into trusting every client's X-Forwarded-For.
 * @example proxyAddresses('127.0.0.1, 10.0.0.0/8') // ['127.0.0.1', '10.0.0.0/8']
 */
export function proxyAddresses(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw invalid(value, 'give at least one address');
  for (const part of parts) {
    const [address = '', bits, extra] = part.split('/');
    const version = isIP(address);
    const width = version === 6 ? 128 : 32;
    const goodBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= width);
    if (version === 0 || !goodBits || extra !== undefined)
      throw invalid(part, 'not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/8)');
  }
  return parts;
}

function invalid(value: string, why: string): HiloError {
  return new HiloError('INVALID_INPUT', `--trust-proxy: "${value}": ${why}`);
}
