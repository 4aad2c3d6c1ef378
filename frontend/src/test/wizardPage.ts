// Steps through the wizard rendered with a FakeApi, for the tests of one
// screen. The helpers open the app, resume a draft and reach Verify.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import type { Draft } from '../lib/api';
import { FakeApi } from './fakeApi';

/** The announcer repeats some messages for screen readers; queries skip it. */
export const skipAnnouncer = { ignore: '[data-testid="announcer"], script, style' };

export async function openApp(api = new FakeApi()): Promise<FakeApi> {
  render(App, { api });
  await screen.findByRole('heading', { level: 2, name: 'Link a recruiting system' });
  return api;
}

export function heading(name: string) {
  return screen.findByRole('heading', { level: 2, name });
}

export const nextButton = () => screen.getByRole('button', { name: 'Next' });

/** Saves the draft acme with complete values and the given fields. */
export async function saveDraft(api: FakeApi, fields: Partial<Draft>): Promise<void> {
  await api.newDraft('acme');
  Object.assign(api.drafts.get('acme')!, {
    subdomain: 'servicet',
    account_type: 'production',
    tenant: 'USG1008IT124S',
    client_id: 'client-1',
    ...fields,
  });
  const draft = api.drafts.get('acme')!;
  api.info.drafts = [
    { name: 'acme', step: draft.step, updated_at: '', tenant: draft.tenant, secret_stored: true, verified: false },
  ];
}

/** Opens the app and resumes the draft acme, or opens it when it is finished. */
export async function resumeAcme(api: FakeApi): Promise<void> {
  await openApp(api);
  await userEvent.click(screen.getByRole('button', { name: /^(Resume|Open) acme$/ }));
}

/** Resumes acme at the credentials step and saves a secret in the keychain. */
export async function toVerifyStep(api: FakeApi): Promise<void> {
  await saveDraft(api, { step: 'credentials' });
  await resumeAcme(api);
  await heading('Enter the client ID and secret');
  await userEvent.click(screen.getByLabelText('Client secret'));
  await userEvent.paste('secret-value');
  await userEvent.click(screen.getByRole('button', { name: 'Save the secret in the keychain' }));
  await screen.findByText(/saved in the system keychain/, skipAnnouncer);
  await userEvent.click(nextButton());
  await heading('Check the link with UKG');
}
