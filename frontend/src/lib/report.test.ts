import { describe, expect, it } from 'vitest';
import { verifiedReport } from '../test/fakeApi';
import { checkOf, missingScopesHeading, showUkgHosts } from './report';

const simulated = verifiedReport({
  simulated: true,
  endpoints: {
    service_host: 'servicet.ultipro.com',
    identity_host: 'signin.ultipro.com',
    token_url: 'http://127.0.0.1:45495/signin/oauth2/t/USG1008IT124S/access_token',
    api_base_url: 'http://127.0.0.1:45495/talent/recruiting/v2/USG1008IT124S/api',
  },
});

describe('showUkgHosts', () => {
  it('names the identity host for the token check', () => {
    expect(showUkgHosts('Could not reach UKG at 127.0.0.1:45495, check network.', simulated, 'token')).toBe(
      'Could not reach UKG at signin.ultipro.com (simulated), check network.',
    );
  });

  it('names the web-service host for a read', () => {
    expect(showUkgHosts('127.0.0.1:45495 did not accept it (401).', simulated, 'probe:candidates')).toBe(
      'servicet.ultipro.com (simulated) did not accept it (401).',
    );
  });

  it('leaves a real verification alone', () => {
    const real = verifiedReport({ simulated: false });
    const text = 'Could not reach UKG at signin.ultipro.com, check network.';
    expect(showUkgHosts(text, real, 'token')).toBe(text);
  });
});

describe('checkOf', () => {
  it('finds the check that found a problem', () => {
    const report = verifiedReport({
      checks: [
        { name: 'token', method: 'POST', url: '', http_status: 200, content_type: '', duration_ms: 1, status: 'ok', problem: '' },
        { name: 'probe:applicant-sources', method: 'GET', url: '', http_status: 403, content_type: '', duration_ms: 1, status: 'failed', problem: 'permission_denied' },
      ],
    });
    const problem = { code: 'permission_denied', field: 'client_id', title: 'Permission missing', message: '', detail: '' };
    expect(checkOf(problem, report)).toBe('probe:applicant-sources');
  });
});

describe('missingScopesHeading', () => {
  const tokenOk = { name: 'token', method: 'POST', url: '', http_status: 200, content_type: '', duration_ms: 1, status: 'ok', problem: '' };

  it('says connected, and names a single missing permission', () => {
    const report = verifiedReport({ checks: [tokenOk], missing_scopes: ['recruiting.domain.configuration.read'] });
    expect(missingScopesHeading(report)).toBe('Connected, but permission recruiting.domain.configuration.read is missing');
  });

  it('counts several missing permissions', () => {
    const report = verifiedReport({ checks: [tokenOk], missing_scopes: ['a.read', 'b.read'] });
    expect(missingScopesHeading(report)).toBe('Connected, but 2 permissions are missing');
  });

  it('does not claim a connection without a token', () => {
    const report = verifiedReport({ missing_scopes: ['a.read', 'b.read'] });
    expect(missingScopesHeading(report)).toBe('2 permissions are missing');
  });
});
