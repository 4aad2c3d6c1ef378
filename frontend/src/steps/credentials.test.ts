import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeApi } from '../test/fakeApi';
import { heading, resumeAcme, saveDraft } from '../test/wizardPage';

async function toCredentials(api = new FakeApi()) {
  await saveDraft(api, { step: 'credentials' });
  await resumeAcme(api);
  await heading('Enter the client ID and secret');
  return api;
}

describe('waiting for credentials', () => {
  it('points up to the request, which is above the note', async () => {
    await toCredentials();
    await userEvent.click(screen.getByRole('button', { name: 'I don’t have them yet' }));
    const note = await screen.findByText(/Send the request above to UKG support/);
    const request = screen.getByRole('textbox', { name: 'Request to send to UKG support' });

    expect(request.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
