import type { AccountType } from './api';

/**
 * Returns the account-type domain that the host in input ends with, or "" when
 * input holds no host name (a bare label such as "servicet") or no known domain.
 */
export function pastedDomain(input: string, accountTypes: AccountType[]): string {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/, 1)[0].replace(/:\d*$/, '').replace(/\.$/, '');
  if (!host.includes('.')) return '';

  const domains = [...new Set(accountTypes.map((t) => t.domain))];
  domains.sort((a, b) => b.length - a.length);
  return domains.find((d) => host.endsWith('.' + d)) ?? '';
}

/** Returns the account types that use domain. */
export function typesForDomain(domain: string, accountTypes: AccountType[]): AccountType[] {
  return accountTypes.filter((t) => t.domain === domain);
}
