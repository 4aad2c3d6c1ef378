import '@testing-library/jest-dom/vitest';
import { act, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type { Draft, OpenResult, WailsWindow } from '../lib/api';
import { createWailsApi, snapshotRequestedEvent } from '../lib/api';
import { formatDate } from '../lib/support.svelte';
import { en } from '../i18n/en';
import { format, m } from '../i18n';
import { FakeApi, verifiedReport } from '../test/fakeApi';

// The announcer repeats some messages for screen readers, so queries skip it.
const skipAnnouncer = { ignore: '[data-testid="announcer"], script, style' };

const missingScopes = ['recruiting.domain.offers.read', 'recruiting.domain.offers.write'];

function openedDraft(name: string, overrides: Partial<Draft> = {}): Draft {
  return {
    name,
    step: 'verify',
    subdomain: 'servicet',
    account_type: 'production',
    identity_host: '',
    tenant: 'USG1008IT124S',
    client_id: 'client-1',
    ask_each_time: true,
    secret_stored: false,
    skip_verify: false,
    skip_reason: '',
    last_report: null,
    ...overrides,
  };
}

function opened(draft: Draft, replaying = false): OpenResult {
  return { result: { status: 'ok' }, draft, replaying, expired_at: '' };
}

async function open(api: FakeApi) {
  render(App, { api });
  await screen.findByRole('heading', { level: 2, name: 'Link a recruiting system' });
}

function button(name: string) {
  return screen.getByRole('button', { name });
}

describe('support tools on the Start screen', () => {
  it('are labelled as tools for support staff', async () => {
    await open(new FakeApi());
    const section = screen.getByRole('region', { name: 'Support tools' });

    expect(section).toHaveTextContent('For support staff');
    expect(button('Open a support snapshot…')).toBeVisible();
    expect(button('Open a sealed bundle…')).toBeVisible();
  });

  it('open a snapshot at its recorded verification', async () => {
    const api = new FakeApi();
    const report = verifiedReport({
      status: 'failed',
      missing_scopes: missingScopes,
      problems: [
        { code: 'missing_scopes', field: '', title: 'Scopes not enabled', message: 'Ask UKG support.', detail: '' },
      ],
    });
    api.openSnapshotResult = opened(openedDraft('support-acme', { last_report: report }), true);
    await open(api);
    await userEvent.click(button('Open a support snapshot…'));

    expect(await screen.findByRole('heading', { level: 2, name: 'Check the link with UKG' })).toBeVisible();
    expect(screen.getByText('Scopes not enabled')).toBeVisible();
    expect(screen.getByText('2 permissions are missing')).toBeVisible();
    expect(screen.getByText(/support snapshot is open as the link “support-acme”. Verify again/)).toBeVisible();
  });

  it('say when a snapshot cannot be replayed', async () => {
    const api = new FakeApi();
    api.openSnapshotResult = opened(openedDraft('support-acme'), false);
    await open(api);
    await userEvent.click(button('Open a support snapshot…'));

    expect(await screen.findByText(/cannot be replayed/)).toBeVisible();
  });

  it('tell a cancelled open from a failed one', async () => {
    const api = new FakeApi();
    await open(api);
    await userEvent.click(button('Open a support snapshot…'));
    const cancelled = await screen.findByText('No file was chosen. Nothing was opened.');
    expect(cancelled.closest('[role="alert"]')).toBeNull();

    api.openSnapshotResult = {
      ...opened(openedDraft('x')),
      result: { status: 'failed', code: 'not_snapshot', message: 'This file is neither a support snapshot nor a report.' },
      draft: null,
    };
    await userEvent.click(button('Open a support snapshot…'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This file is neither a support snapshot nor a report.');
    expect(alert).toHaveClass('result-failed');
  });
});

describe('bundle unlock', () => {
  const wrongPassphrase: OpenResult = {
    result: {
      status: 'failed',
      code: 'wrong_passphrase',
      field: 'passphrase',
      message: 'This passphrase does not open the bundle.',
    },
    draft: null,
    replaying: false,
    expired_at: '',
  };

  it('asks for a passphrase and retries after a wrong one', async () => {
    const api = new FakeApi();
    api.unlockResults = [wrongPassphrase, opened(openedDraft('acme-2'))];
    await open(api);
    await userEvent.click(button('Open a sealed bundle…'));

    const input = await screen.findByLabelText('Passphrase');
    expect(input).toHaveAttribute('type', 'password');
    await waitFor(() => expect(input).toHaveFocus());
    await userEvent.type(input, 'wrong-words');
    await userEvent.click(button('Open the bundle'));

    expect(await screen.findByText('This passphrase does not open the bundle.')).toBeVisible();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(input).toHaveFocus());

    await userEvent.clear(input);
    await userEvent.type(input, 'right-words');
    await userEvent.click(button('Open the bundle'));
    expect(await screen.findByRole('heading', { level: 2, name: 'Check the link with UKG' })).toBeVisible();
    expect(screen.getByText(/bundle is open as the link “acme-2”/)).toBeVisible();
    expect(api.unlockRequests.map((r) => r.passphrase)).toEqual(['wrong-words', 'right-words']);
    expect(JSON.stringify(api.saved)).not.toContain('right-words');
  });

  it('opens on Enter without leaving the Start screen', async () => {
    const api = new FakeApi();
    api.unlockResults = [wrongPassphrase];
    await open(api);
    await userEvent.click(button('Open a sealed bundle…'));
    await userEvent.type(await screen.findByLabelText('Passphrase'), 'some-words{Enter}');

    expect(await screen.findByText('This passphrase does not open the bundle.')).toBeVisible();
    expect(api.unlockRequests).toHaveLength(1);
    expect(api.drafts.size).toBe(0);
    expect(screen.getByRole('heading', { level: 2, name: 'Link a recruiting system' })).toBeVisible();
  });

  it('shows the expiry and opens only on request', async () => {
    const api = new FakeApi();
    const expired: OpenResult = {
      result: { status: 'failed', code: 'bundle_expired', message: 'This bundle expired.' },
      draft: null,
      replaying: false,
      expired_at: '2025-10-31T12:00:00Z',
    };
    api.unlockResults = [expired, opened(openedDraft('acme'))];
    await open(api);
    await userEvent.click(button('Open a sealed bundle…'));
    await userEvent.type(await screen.findByLabelText('Passphrase'), 'right-words');
    await userEvent.click(button('Open the bundle'));

    expect(await screen.findByText('This bundle expired on 31 October 2025.')).toBeVisible();
    expect(api.drafts.size).toBe(0);
    expect(screen.queryByRole('button', { name: 'Open the bundle' })).toBeNull();

    await userEvent.click(button('Open anyway'));
    expect(await screen.findByRole('heading', { level: 2, name: 'Check the link with UKG' })).toBeVisible();
    expect(api.unlockRequests.map((r) => r.allow_expired)).toEqual([false, true]);
    expect(api.unlockRequests[1].passphrase).toBe('right-words');
  });

  it('asks for an identity file for a key', async () => {
    const api = new FakeApi();
    api.bundleChoice = { ...api.bundleChoice, lock: 'identity', fingerprints: ['3f2a-91bc-04de-77e1'] };
    api.unlockResults = [{ ...wrongPassphrase, result: { status: 'cancelled', code: 'cancelled' } }];
    await open(api);
    await userEvent.click(button('Open a sealed bundle…'));

    expect(await screen.findByText('Key fingerprint: 3f2a-91bc-04de-77e1')).toBeVisible();
    expect(screen.queryByLabelText('Passphrase')).toBeNull();
    await userEvent.click(button('Choose the identity file and open…'));

    expect(await screen.findByText('No identity file was chosen. Nothing was opened.')).toBeVisible();
    expect(api.unlockRequests).toEqual([{ passphrase: '', choose_identity: true, allow_expired: false }]);
  });

  it('forgets the bundle on Cancel', async () => {
    const api = new FakeApi();
    await open(api);
    await userEvent.click(button('Open a sealed bundle…'));
    await userEvent.type(await screen.findByLabelText('Passphrase'), 'typed-words');
    await userEvent.click(button('Cancel'));

    expect(screen.queryByLabelText('Passphrase')).toBeNull();
    await userEvent.click(button('Open a sealed bundle…'));
    expect(await screen.findByLabelText('Passphrase')).toHaveValue('');
  });
});

describe('Help menu snapshot', () => {
  it('explains that no link is on screen', async () => {
    const api = new FakeApi();
    await open(api);
    await act(() => api.snapshotListener?.());

    expect(await screen.findByRole('alert')).toHaveTextContent('There is no link on screen yet.');
    expect(api.snapshots).toEqual([]);
  });

  it('saves a snapshot of the link on screen', async () => {
    const api = new FakeApi();
    await open(api);
    await userEvent.clear(screen.getByLabelText('Name for this link'));
    await userEvent.type(screen.getByLabelText('Name for this link'), 'acme');
    await userEvent.click(button('Next'));
    await screen.findByRole('heading', { level: 2, name: 'Check your UKG rights' });
    await act(() => api.snapshotListener?.());

    expect(await screen.findByText('The support snapshot is saved.')).toBeVisible();
    expect(screen.getByText('/tmp/ukglink-snapshot-acme-2026-03-04.json')).toBeVisible();
    expect(screen.getByText(/but no client secret/)).toBeVisible();
    expect(api.snapshots).toEqual(['acme']);

    await userEvent.click(button('Close'));
    expect(screen.queryByText('The support snapshot is saved.')).toBeNull();
  });

  it('shows a cancelled save as no snapshot', async () => {
    const api = new FakeApi();
    api.snapshotResult = { result: { status: 'cancelled', code: 'cancelled' }, path: '' };
    await open(api);
    await userEvent.click(button('Next'));
    await screen.findByRole('heading', { level: 2, name: 'Check your UKG rights' });
    await act(() => api.snapshotListener?.());

    expect(await screen.findByText('No support snapshot was saved.')).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('export to a passphrase', () => {
  async function toExport(api: FakeApi) {
    api.info.drafts = [
      { name: 'acme', step: 'verify', updated_at: '', tenant: 'T', secret_stored: true, verified: false },
    ];
    await api.newDraft('acme');
    Object.assign(api.drafts.get('acme')!, openedDraft('acme', { ask_each_time: false, secret_stored: true }));
    api.keychainSecrets.add('acme');
    api.verifyResult = { result: { status: 'failed' }, report: verifiedReport({ status: 'failed' }) };
    await open(api);
    await userEvent.click(button('Resume acme'));
    await screen.findByRole('heading', { level: 2, name: 'Check the link with UKG' });
    await userEvent.click(button('Continue without verifying'));
    await userEvent.type(screen.getByLabelText(/Why are you continuing/), 'for a colleague');
    await userEvent.click(button('Next'));
    await screen.findByRole('heading', { level: 2, name: 'Save the sealed file' });
  }

  it('shows the passphrase once with its own copy button', async () => {
    const api = new FakeApi();
    const passphrase = api.passphraseExportResult.passphrase;
    await toExport(api);
    expect(screen.getByLabelText('The recruiting product (recommended)')).toBeChecked();
    await userEvent.click(screen.getByLabelText('Seal to a passphrase for a colleague'));
    await userEvent.click(button('Seal to a new passphrase and save…'));

    expect(await screen.findByText(passphrase)).toBeVisible();
    expect(screen.getByText(/A passphrase \(age scrypt\)/)).toBeVisible();
    expect(screen.queryByText('Recipient fingerprint')).toBeNull();
    expect(screen.getByText(/over another channel than the file/)).toBeVisible();
    expect(api.passphraseExports).toEqual([{ name: 'acme', skipVerify: true, reason: 'for a colleague' }]);
    expect(screen.getByTestId('announcer')).not.toHaveTextContent(passphrase);

    await userEvent.click(button('Copy the passphrase'));
    expect(api.clipboard).toEqual([passphrase]);

    await userEvent.click(button('Hide the passphrase'));
    expect(screen.queryByText(passphrase)).toBeNull();
    expect(screen.getByText('The passphrase is hidden and cannot be shown again.')).toBeVisible();
    expect(JSON.stringify(api.saved)).not.toContain(passphrase);
  });

  it('drops the passphrase when the choice changes', async () => {
    const api = new FakeApi();
    const passphrase = api.passphraseExportResult.passphrase;
    await toExport(api);
    await userEvent.click(screen.getByLabelText('Seal to a passphrase for a colleague'));
    await userEvent.click(button('Seal to a new passphrase and save…'));
    await screen.findByText(passphrase);
    await userEvent.click(screen.getByLabelText('The recruiting product (recommended)'));
    await userEvent.click(screen.getByLabelText('Seal to a passphrase for a colleague'));

    expect(screen.queryByText(passphrase)).toBeNull();
  });

  it('tells a failed seal from a cancelled one', async () => {
    const api = new FakeApi();
    api.passphraseExportResult = {
      ...api.passphraseExportResult,
      result: { status: 'failed', code: 'export_failed', message: 'The bundle could not be saved.' },
      passphrase: '',
    };
    await toExport(api);
    await userEvent.click(screen.getByLabelText('Seal to a passphrase for a colleague'));
    await userEvent.click(button('Seal to a new passphrase and save…'));
    expect(await screen.findByRole('alert')).toHaveTextContent('The bundle could not be saved.');

    api.passphraseExportResult = { ...api.passphraseExportResult, result: { status: 'cancelled' } };
    await userEvent.click(button('Seal to a new passphrase and save…'));
    expect(await screen.findByText('No file was saved.', skipAnnouncer)).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('support bridge', () => {
  it('subscribes to the Help menu event', () => {
    const subscribed: string[] = [];
    const win: WailsWindow = {
      runtime: {
        EventsOn: (event, callback) => {
          subscribed.push(event);
          callback(undefined);
          return () => undefined;
        },
        EventsOff: () => undefined,
      },
    };
    let calls = 0;
    createWailsApi(win).onSnapshotRequested(() => (calls += 1));

    expect(subscribed).toEqual([snapshotRequestedEvent]);
    expect(calls).toBe(1);
  });

  it('turns a missing bridge into a failed result', async () => {
    const api = createWailsApi({});
    const choice = await api.chooseBundle();
    const exported = await api.exportBundleToPassphrase('acme', false, '');

    expect(choice.result).toMatchObject({ status: 'failed', code: 'bridge_unavailable' });
    expect(exported.passphrase).toBe('');
    expect(exported.result.status).toBe('failed');
  });

  it('reads the open result of Go', async () => {
    const win = {
      go: {
        main: {
          App: {
            OpenChosenBundle: async () => ({
              result: { status: 'failed', code: 'bundle_expired' },
              draft: { name: '' },
              replaying: false,
              expired_at: '2025-10-31T09:30:00Z',
            }),
          },
        },
      },
    } as unknown as WailsWindow;
    const result = await createWailsApi(win).openChosenBundle({
      passphrase: '',
      choose_identity: false,
      allow_expired: false,
    });

    expect(result.result.code).toBe('bundle_expired');
    expect(result.draft).toBeNull();
    expect(result.expired_at).toBe('2025-10-31T09:30:00Z');
  });
});

describe('support messages', () => {
  it('sit in one section at the end of the catalogue', () => {
    const keys = Object.keys(en);
    const first = keys.indexOf('supportToolsHeading');
    expect(first).toBeGreaterThan(keys.indexOf('exportAgain'));
    expect(keys.slice(first).every((key) => key.startsWith('support'))).toBe(true);
  });

  it('format the expiry date', () => {
    expect(formatDate('2025-10-31T12:00:00Z')).toBe('31 October 2025');
    expect(format(m.supportBundleExpired, { date: formatDate('2025-10-31T12:00:00Z') })).toBe(
      'This bundle expired on 31 October 2025.',
    );
    expect(formatDate('not a date')).toBe('not a date');
  });
});
