import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Check } from '../lib/api';
import { FakeApi, verifiedReport } from '../test/fakeApi';
import { skipAnnouncer, toVerifyStep } from '../test/wizardPage';

function check(name: string, status: string, problem = '', message = ''): Check {
  return { name, method: 'GET', url: '', http_status: 0, content_type: '', duration_ms: 1, status, problem, message };
}

const invalidClient =
  'UKG rejected the client ID or client secret. Copy both again from the UKG support case, or ask UKG whether the secret was rotated.';

async function verify(api: FakeApi) {
  await toVerifyStep(api);
  await userEvent.click(screen.getByRole('button', { name: 'Verify now' }));
}

function progressItem(name: string) {
  return screen.getByText(name, { selector: '.progress li span' }).closest('li')!;
}

describe('progress list', () => {
  it.each([
    ['cancelled', 'cancelled', 'cancelled'],
    ['timeout', 'timed_out', 'timed out'],
  ] as const)('shows a check ended by %s as %s, not failed', async (problem, status, words) => {
    const api = new FakeApi();
    api.verifyEvents = [
      { check: 'token', status: 'running' },
      { check: 'token', status: 'failed', message: 'The verification was cancelled before it finished.' },
    ];
    const report = verifiedReport({
      status: problem === 'cancelled' ? 'cancelled' : 'failed',
      checks: [check('token', 'failed', problem)],
      problems: [{ code: problem, field: '', title: 'UKG not reachable', message: 'No response.', detail: '' }],
    });
    api.verifyResult = { result: { status }, report };
    await verify(api);
    await screen.findByRole('button', { name: 'Verify again' });

    const item = progressItem('Get a token from UKG');
    expect(item).toHaveClass(`progress-${status}`);
    expect(item).not.toHaveTextContent('failed');
    expect(within(item).getByText(words)).toBeVisible();
    expect(item.querySelector('.icon-failed')).toBeNull();
  });

  it('shows a check still running at Cancel as cancelled', async () => {
    const api = new FakeApi();
    let release = () => {};
    api.verifyGate = new Promise((resolve) => (release = resolve));
    api.verifyEvents = [{ check: 'probe:candidates', status: 'running' }];
    api.verifyResult = { result: { status: 'cancelled' }, report: verifiedReport({ status: 'cancelled' }) };
    await verify(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    release();
    await screen.findByRole('button', { name: 'Verify again' });

    expect(progressItem('Read candidates')).toHaveClass('progress-cancelled');
  });

  it('shows the short title of a failed check and its message once', async () => {
    const api = new FakeApi();
    api.verifyEvents = [
      { check: 'token', status: 'running' },
      { check: 'token', status: 'failed', message: invalidClient },
    ];
    const report = verifiedReport({
      status: 'failed',
      checks: [check('token', 'failed', 'invalid_client', invalidClient)],
      problems: [
        { code: 'invalid_client', field: 'client_secret', title: 'Client ID or secret rejected', message: invalidClient, detail: '' },
      ],
    });
    api.verifyResult = { result: { status: 'failed', code: 'invalid_client' }, report };
    await verify(api);
    await screen.findByRole('heading', { name: 'Client ID or secret rejected' });

    expect(within(progressItem('Get a token from UKG')).getByText('Client ID or secret rejected')).toBeVisible();
    expect(screen.getAllByText(invalidClient, skipAnnouncer)).toHaveLength(1);
  });
});

describe('demo mode', () => {
  it('names the UKG host, not the simulator address', async () => {
    const api = new FakeApi();
    const message = 'Could not reach UKG at 127.0.0.1:45495, check network or proxy.';
    const report = verifiedReport({
      status: 'failed',
      simulated: true,
      endpoints: {
        service_host: 'servicet.ultipro.com',
        identity_host: 'signin.ultipro.com',
        token_url: 'http://127.0.0.1:45495/signin/oauth2/t/USG1008IT124S/access_token',
        api_base_url: 'http://127.0.0.1:45495/talent/recruiting/v2/USG1008IT124S/api',
      },
      checks: [check('token', 'failed', 'timeout', message)],
      problems: [{ code: 'timeout', field: 'network', title: 'UKG not reachable', message, detail: 'request to 127.0.0.1:45495 failed' }],
    });
    api.verifyResult = { result: { status: 'timed_out' }, report };
    await verify(api);

    expect(
      await screen.findByText('Could not reach UKG at signin.ultipro.com (simulated), check network or proxy.'),
    ).toBeVisible();
    expect(document.querySelector('main')).not.toHaveTextContent('127.0.0.1');
  });
});

describe('missing permissions', () => {
  it('lists the permission a refused read needs, ready to copy', async () => {
    const api = new FakeApi();
    const scope = 'recruiting.domain.configuration.read';
    const report = verifiedReport({
      status: 'failed',
      checks: [check('token', 'ok'), check('probe:applicant-sources', 'failed', 'permission_denied')],
      missing_scopes: [scope],
      problems: [
        {
          code: 'permission_denied',
          field: 'client_id',
          title: 'Permission missing',
          message: `Connected, but permission ${scope} is missing: UKG refused to read applicant sources (403).`,
          detail: 'HTTP 403',
        },
      ],
    });
    api.verifyResult = { result: { status: 'failed', code: 'permission_denied' }, report };
    await verify(api);

    const heading = await screen.findByRole('heading', { name: `Connected, but permission ${scope} is missing` });
    const box = heading.closest('section')!;
    expect(within(box).getByText(scope, { selector: 'pre' })).toBeVisible();
    await userEvent.click(within(box).getByRole('button', { name: 'Copy' }));
    expect(api.clipboard).toEqual([scope]);
  });
});

describe('continuing without verifying', () => {
  it('starts a verification from "Verify instead"', async () => {
    const api = new FakeApi();
    api.verifyResult = { result: { status: 'failed' }, report: verifiedReport({ status: 'failed' }) };
    await verify(api);
    await screen.findByText(/^Verification failed/, skipAnnouncer);
    await userEvent.click(screen.getByRole('button', { name: 'Continue without verifying' }));
    api.verifyResult = { result: { status: 'ok' }, report: verifiedReport() };
    await userEvent.click(screen.getByRole('button', { name: 'Verify instead' }));

    await waitFor(() => expect(api.verifyCalls).toBe(2));
    expect(await screen.findByText(/^Verified:/, skipAnnouncer)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Verify again' })).toHaveFocus();
  });
});
