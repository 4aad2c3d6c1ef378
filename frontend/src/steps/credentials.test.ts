import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeApi } from '../test/fakeApi';
import { heading, resumeAcme, saveDraft, skipAnnouncer } from '../test/wizardPage';

async function toCredentials(api = new FakeApi()) {
  await saveDraft(api, { step: 'credentials' });
  await resumeAcme(api);
  await heading('Enter the client ID and secret');
  return api;
}

async function pasteSecret(text: string) {
  await userEvent.click(screen.getByLabelText('Client secret'));
  await userEvent.paste(text);
}

const saveButton = () => screen.getByRole('button', { name: 'Save the secret in the keychain' });

describe('keychain failures', () => {
  it('offers session-only storage in one click when there is no keychain', async () => {
    const api = new FakeApi();
    api.storeResult = {
      status: 'failed',
      code: 'keychain_unavailable',
      message: 'The client secret could not be saved in the keychain. No Secret Service is running.',
      detail: 'keychain save for profile "acme": no keychain is available: org.freedesktop.DBus.Error.ServiceUnknown',
    };
    await toCredentials(api);
    await pasteSecret('secret-value');
    await userEvent.click(saveButton());

    expect(await screen.findByText(/No Secret Service is running/, skipAnnouncer)).toBeVisible();
    expect(screen.getByText(/ServiceUnknown/)).not.toBeVisible();
    api.storeResult = { status: 'ok' };
    await userEvent.click(screen.getByRole('button', { name: 'Don’t save, ask me next time' }));

    expect(await screen.findByText(/kept for this session \(12 characters\)/, skipAnnouncer)).toBeVisible();
    expect(api.stored.at(-1)).toEqual({ name: 'acme', secret: 'secret-value', remember: false });
    expect(screen.getByLabelText(/Don’t save, ask me next time/)).toBeChecked();
  });

  it('offers trying again first after a denied prompt', async () => {
    const api = new FakeApi();
    api.storeResult = { status: 'failed', code: 'keychain_denied', message: 'macOS did not allow it. Try again.' };
    await toCredentials(api);
    await pasteSecret('secret-value');
    await userEvent.click(saveButton());
    await screen.findByText('macOS did not allow it. Try again.', skipAnnouncer);

    const retry = screen.getByRole('button', { name: 'Try again' });
    const session = screen.getByRole('button', { name: 'Don’t save, ask me next time' });
    expect(retry).not.toHaveClass('secondary');
    expect(session).toHaveClass('secondary');
    expect(retry.compareDocumentPosition(session) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('waiting for the keychain', () => {
  it('shows a spinner and stops waiting on Cancel', async () => {
    const api = new FakeApi();
    let release = () => {};
    api.keychainGate = new Promise((resolve) => (release = resolve));
    await toCredentials(api);
    await pasteSecret('secret-value');
    await userEvent.click(saveButton());

    expect(await screen.findByRole('status')).toHaveTextContent('Saving the secret…');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/Stopped waiting for the keychain/, skipAnnouncer)).toBeVisible();
    expect(saveButton()).toHaveAttribute('aria-disabled', 'false');
    await waitFor(() => expect(saveButton()).toHaveFocus());

    // The keychain saved the secret after all, and the page says so.
    release();
    expect(await screen.findByText(/saved in the system keychain/, skipAnnouncer)).toBeVisible();
  });
});

describe('clipboard', () => {
  it('is emptied after the secret is pasted from it', async () => {
    const api = await toCredentials();
    api.clipboardText = 'secret-value';
    await pasteSecret('secret-value');

    expect(await screen.findByText(/removed from your clipboard/, skipAnnouncer)).toBeVisible();
    expect(api.clipboardClears).toBe(1);
  });

  it('is left alone when it contains something else', async () => {
    const api = await toCredentials();
    api.clipboardText = 'copied later';
    await pasteSecret('secret-value');
    await waitFor(() => expect(api.checks.some((c) => c.field === 'client_secret')).toBe(true));

    expect(api.clipboardClears).toBe(0);
    expect(screen.queryByText(/removed from your clipboard/, skipAnnouncer)).toBeNull();
  });
});

describe('waiting for credentials', () => {
  it('points up to the request, which is above the note', async () => {
    await toCredentials();
    await userEvent.click(screen.getByRole('button', { name: 'I don’t have them yet' }));
    const note = await screen.findByText(/Send the request above to UKG support/);
    const request = screen.getByRole('textbox', { name: 'Request to send to UKG support' });

    expect(request.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
