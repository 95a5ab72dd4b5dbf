/**
 * Our construct in each egress mode. Placeholder until SecureCognitoApi lands
 * on main: if src/ does not export it yet, the benchmarks report it as pending.
 */
import { Variant } from './variants';

export type OursKey = 'oursDefault' | 'oursSingleNat' | 'oursNatPerAz' | 'oursEndpoints';

export function oursVariants(): Partial<Record<OursKey, Variant>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require('../src') as Record<string, unknown>;
  if (typeof lib.SecureCognitoApi !== 'function') {
    return {};
  }
  return {};
}
