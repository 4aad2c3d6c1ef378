import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from './App.svelte';
import { FakeApi, verifiedReport } from './test/fakeApi';

async function open(api = new FakeApi()) {
  render(App, { api });
  await screen.findByRole('heading', { level: 2, name: 'Link a recruiting system' });
  return api;
}

// The announcer repeats some messages for screen readers; queries skip it.
const skipAnnouncer = { ignore: '[data-testid="announcer"], script, style' };

const next = () => screen.getByRole('button', { name: 'Next' });

async function heading(name: string) {
  return screen.findByRole('heading', { level: 2, name });
}

async function startDraft() {
  expect(screen.getByLabelText('UKG Pro Recruiting')).toBeChecked();
  const name = screen.getByLabelText('Name for this link');
  expect(name).toHaveValue('ukg-pro-recruiting');
  await userEvent.clear(name);
  await userEvent.type(name, 'acme');
  await userEvent.click(next());
  await heading('Check your UKG rights');
}

async function toSubdomain() {
  await startDraft();
  await userEvent.click(screen.getByLabelText(/I have one of these rights/));
  await userEvent.click(next());
  await heading('Data the recruiting product will use');
  await userEvent.click(next());
  await heading('Find the web-service address');
}

describe('wizard navigation', () => {
  it('tells the front end is ready', async () => {
    const api = await open();
    await waitFor(() => expect(api.readyCalls).toBe(1));
  });

  it('disables Next with a visible reason', async () => {
    await open();
    await userEvent.clear(screen.getByLabelText('Name for this link'));
    const button = next();

    expect(button).toHaveAttribute('aria-disabled', 'true');
    const reason = document.getElementById(button.getAttribute('aria-describedby')!);
    expect(reason).toHaveTextContent('Next is not available yet: enter a name for this link.');
    expect(reason).toBeVisible();
  });

  it('stays on a step when Next is pressed too early', async () => {
    const api = new FakeApi();
    api.info.ats_options.push({ id: 'other', label: 'Another system', available: true });
    await open(api);
    await userEvent.click(next());

    expect(await heading('Link a recruiting system')).toBeVisible();
    expect(screen.getByTestId('announcer')).toHaveTextContent('choose the system to link.');
    expect(api.drafts.size).toBe(0);
  });

  it('saves the draft on every step change', async () => {
    const api = await open();
    await toSubdomain();

    expect(api.saved.map((s) => s.step)).toEqual(['admin', 'scopes', 'subdomain']);
    expect(api.saved.every((s) => s.name === 'acme')).toBe(true);
  });

  it('keeps input across Back and Next, trimmed', async () => {
    const api = await open();
    await toSubdomain();
    await userEvent.type(screen.getByLabelText('Web-service address'), '  http://Servicet.ultipro.com/x');
    await screen.findByText('https://servicet.ultipro.com will be used');
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    await heading('Data the recruiting product will use');

    expect(api.saved.at(-1)).toMatchObject({ step: 'scopes', subdomain: 'servicet' });
    await userEvent.click(next());
    await heading('Find the web-service address');
    expect(screen.getByLabelText('Web-service address')).toHaveValue('servicet');
  });

  it('suggests the account type of a pasted domain', async () => {
    await open();
    await toSubdomain();
    await userEvent.type(screen.getByLabelText('Web-service address'), 'service3.ultipro.ca');

    expect(await screen.findByText(/This address ends in ultipro.ca/)).toHaveTextContent(
      'Production, Canada (ultipro.ca)',
    );
  });

  it('resumes a draft at its step with its values', async () => {
    const api = new FakeApi();
    api.info.drafts = [
      { name: 'acme', step: 'tenant', updated_at: '', tenant: 'USG1008IT124S', secret_stored: false, verified: false },
    ];
    await api.newDraft('acme');
    Object.assign(api.drafts.get('acme')!, {
      step: 'tenant',
      subdomain: 'servicet',
      account_type: 'production',
      tenant: 'USG1008IT124S',
    });
    await open(api);
    await userEvent.click(screen.getByRole('button', { name: 'Resume acme' }));

    await heading('Find the tenant name');
    expect(screen.getByLabelText('Tenant name')).toHaveValue('USG1008IT124S');
    expect(next()).toHaveAttribute('aria-disabled', 'false');
  });
});

async function toVerify(api: FakeApi) {
  api.info.drafts = [
    { name: 'acme', step: 'credentials', updated_at: '', tenant: 'T', secret_stored: true, verified: false },
  ];
  await api.newDraft('acme');
  Object.assign(api.drafts.get('acme')!, {
    step: 'credentials',
    subdomain: 'servicet',
    account_type: 'production',
    tenant: 'USG1008IT124S',
    client_id: 'client-1',
  });
  await open(api);
  await userEvent.click(screen.getByRole('button', { name: 'Resume acme' }));
  await heading('Enter the client ID and secret');
}

describe('credentials and verification', () => {
  it('explains the keychain prompt before saving, and offers a retry', async () => {
    const api = new FakeApi();
    api.storeResult = { status: 'failed', code: 'keychain_denied', message: 'Access to the keychain was denied.' };
    await toVerify(api);

    expect(screen.getByText(/may now ask whether UKG Link Assistant may use the keychain/)).toBeVisible();
    await userEvent.click(screen.getByLabelText('Client secret'));
    await userEvent.paste('secret-value\n');
    await userEvent.click(screen.getByRole('button', { name: 'Save the secret in the keychain' }));

    expect(await screen.findByText('Access to the keychain was denied.', skipAnnouncer)).toBeVisible();
    expect(api.stored).toEqual([{ name: 'acme', secret: 'secret-value\n', remember: true }]);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeVisible();
    expect(next()).toHaveAttribute('aria-disabled', 'true');
  });

  it('keeps the secret for the session when asked to', async () => {
    const api = new FakeApi();
    await toVerify(api);
    await userEvent.click(screen.getByLabelText(/Don’t save, ask me next time/));
    await userEvent.click(screen.getByLabelText('Client secret'));
    await userEvent.paste('secret-value');
    await userEvent.click(screen.getByRole('button', { name: 'Keep the secret for this session' }));

    expect(await screen.findByText(/kept for this session \(12 characters\)/, skipAnnouncer)).toBeVisible();
    expect(api.stored[0].remember).toBe(false);
    expect(screen.getByLabelText('Client secret')).toHaveValue('');
    await userEvent.click(next());
    await heading('Check the link with UKG');
    expect(api.saved.at(-1)).toMatchObject({ step: 'verify', ask_each_time: true });
  });

  it('saves the draft for an admin without credentials', async () => {
    const api = new FakeApi();
    await toVerify(api);
    const before = api.saved.length;
    await userEvent.click(screen.getByRole('button', { name: 'I don’t have them yet' }));

    expect(await screen.findByRole('heading', { name: 'Your draft is saved' })).toBeVisible();
    expect(api.saved.length).toBe(before + 1);
    expect(screen.getByRole('textbox', { name: 'Request to send to UKG support' })).toHaveValue(
      'Please enable these scopes: recruiting.domain.applications.read',
    );
  });

  async function verifyWith(api: FakeApi) {
    await toVerify(api);
    await userEvent.click(screen.getByLabelText('Client secret'));
    await userEvent.paste('secret-value');
    await userEvent.click(screen.getByRole('button', { name: 'Save the secret in the keychain' }));
    await screen.findByText(/saved in the system keychain/, skipAnnouncer);
    await userEvent.click(next());
    await heading('Check the link with UKG');
    await userEvent.click(screen.getByRole('button', { name: 'Verify now' }));
  }

  it('shows progress and a verified outcome', async () => {
    const api = new FakeApi();
    api.verifyEvents = [
      { check: 'token', status: 'ok' },
      { check: 'probe:candidates', status: 'ok' },
    ];
    await verifyWith(api);

    expect(await screen.findByText(/^Verified:/, skipAnnouncer)).toBeVisible();
    expect(screen.getByText('Get a token from UKG')).toBeVisible();
    expect(screen.getByText('Read candidates')).toBeVisible();
    expect(next()).toHaveAttribute('aria-disabled', 'false');
  });

  it('jumps to the field at fault and lists missing scopes', async () => {
    const api = new FakeApi();
    const report = verifiedReport({
      status: 'failed',
      missing_scopes: ['recruiting.domain.offers.read', 'recruiting.domain.offers.write'],
      problems: [
        { code: 'not_found', field: 'tenant', title: 'Tenant not found', message: 'Check the tenant name.', detail: 'HTTP 404' },
      ],
    });
    api.verifyResult = { result: { status: 'failed', code: 'not_found', field: 'tenant' }, report };
    await verifyWith(api);

    expect(await screen.findByText('2 permissions are missing')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(api.clipboard).toEqual(['recruiting.domain.offers.read\nrecruiting.domain.offers.write']);
    expect(screen.getByText('HTTP 404')).not.toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Go to Tenant name' }));
    await heading('Find the tenant name');
    await waitFor(() => expect(screen.getByLabelText('Tenant name')).toHaveFocus());
  });

  it.each([
    ['cancelled', 'Verification was cancelled. Nothing was changed.', 'outcome-cancelled'],
    ['timed_out', 'UKG did not answer in time. Check the network or proxy, then verify again.', 'outcome-timed_out'],
    ['failed', 'Verification failed. Fix the problems below, then verify again.', 'outcome-failed'],
  ] as const)('shows a %s verification its own way', async (status, words, className) => {
    const api = new FakeApi();
    api.verifyResult = { result: { status }, report: verifiedReport({ status: status === 'cancelled' ? 'cancelled' : 'failed' }) };
    await verifyWith(api);

    const text = await screen.findByText(words, skipAnnouncer);
    expect(text.closest('section')).toHaveClass(className);
  });

  it('continues without verifying once a reason is given', async () => {
    const api = new FakeApi();
    api.verifyResult = { result: { status: 'failed' }, report: verifiedReport({ status: 'failed' }) };
    await verifyWith(api);
    await screen.findByText(/^Verification failed/, skipAnnouncer);
    await userEvent.click(screen.getByRole('button', { name: 'Continue without verifying' }));
    expect(next()).toHaveAttribute('aria-disabled', 'true');

    await userEvent.type(screen.getByLabelText(/Why are you continuing/), 'offline preparation');
    await userEvent.click(next());
    await heading('Save the sealed file');
    await userEvent.click(screen.getByRole('button', { name: 'Save the sealed file…' }));

    expect(await screen.findByText('AB12-CD34', { selector: 'dd code' })).toBeVisible();
    expect(api.exports).toEqual([{ name: 'acme', skipVerify: true, reason: 'offline preparation' }]);
  });
});
