import type { Check, Problem, Report } from './api';
import { format, m } from '../i18n';

function hostOf(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return '';
  }
}

/**
 * Replaces the simulator's loopback address in a text about a simulated
 * verification with the UKG host that the simulator plays, marked as
 * simulated. That is the identity host for the token check, else the
 * web-service host. A text about a real verification is returned unchanged.
 */
export function showUkgHosts(text: string, report: Report | null, check: string): string {
  if (!report?.simulated) return text;
  const ukgHost = check === 'token' ? report.endpoints.identity_host : report.endpoints.service_host;
  if (!ukgHost) return text;
  const shown = format(m.verifySimulatedHost, { host: ukgHost });
  const loopbackHosts = new Set([hostOf(report.endpoints.token_url), hostOf(report.endpoints.api_base_url)]);
  let result = text;
  for (const loopback of loopbackHosts) {
    if (loopback !== '') result = result.split(loopback).join(shown);
  }
  return result;
}

/** Returns the name of the check that found problem, "token" if none did. */
export function checkOf(problem: Problem, report: Report): string {
  return report.checks.find((c: Check) => c.problem === problem.code)?.name ?? 'token';
}

/**
 * Returns the heading of the list of missing permissions. It states that
 * the connection worked when UKG issued a token, as for a read refused
 * with 403.
 */
export function missingScopesHeading(report: Report): string {
  const missing = report.missing_scopes;
  const connected = report.checks.some((c) => c.name === 'token' && c.status === 'ok');
  if (missing.length === 1) {
    return format(connected ? m.verifyMissingOneConnected : m.verifyMissingOne, { scope: missing[0] });
  }
  const template = connected ? m.verifyMissingManyConnected : m.verifyMissingScopes;
  return format(template, { count: missing.length });
}
