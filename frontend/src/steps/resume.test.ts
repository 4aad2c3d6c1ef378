import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeApi, verifiedReport } from '../test/fakeApi';
import { heading, nextButton, resumeAcme, saveDraft, skipAnnouncer, toVerifyStep } from '../test/wizardPage';

const failedReport = verifiedReport({ status: 'failed' });

describe('continuing without verifying', () => {
  it('saves the choice and the reason in the draft', async () => {
    const api = new FakeApi();
    api.verifyResult = { result: { status: 'failed' }, report: failedReport };
    await toVerifyStep(api);
    await userEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    await screen.findByText(/^Verification failed/, skipAnnouncer);
    await userEvent.click(screen.getByRole('button', { name: 'Continue without verifying' }));
    await userEvent.type(screen.getByLabelText(/Why are you continuing/), 'credentials not active yet');
    await userEvent.click(nextButton());
    await heading('Save the sealed file');

    expect(api.saved.at(-1)).toMatchObject({
      step: 'export',
      skip_verify: true,
      skip_reason: 'credentials not active yet',
    });
  });

  it('exports with the saved reason after a resume at Export', async () => {
    const api = new FakeApi();
    api.keychainSecrets.add('acme');
    await saveDraft(api, { step: 'export', last_report: failedReport, skip_verify: true, skip_reason: 'offline' });
    await resumeAcme(api);
    await heading('Save the sealed file');
    expect(screen.getByText('The file will say that verification was not run: offline')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Save the sealed file…' }));

    await screen.findByText('AB12-CD34', { selector: 'dd code' });
    expect(api.exports).toEqual([{ name: 'acme', skipVerify: true, reason: 'offline' }]);
  });

  it('opens at Verify a draft left at Export without verification or reason', async () => {
    const api = new FakeApi();
    api.keychainSecrets.add('acme');
    await saveDraft(api, { step: 'export', last_report: failedReport });
    await resumeAcme(api);

    await heading('Check the link with UKG');
    expect(screen.getByRole('button', { name: 'Continue without verifying' })).toBeVisible();
    expect(api.exports).toEqual([]);
  });
});

describe('export', () => {
  it('shows a spinner and stops waiting on Cancel', async () => {
    const api = new FakeApi();
    let release = () => {};
    api.keychainSecrets.add('acme');
    await saveDraft(api, { step: 'export', last_report: verifiedReport() });
    await resumeAcme(api);
    await heading('Save the sealed file');
    api.keychainGate = new Promise((resolve) => (release = resolve));
    await userEvent.click(screen.getByRole('button', { name: 'Save the sealed file…' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Saving the file…');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('No file was saved.', skipAnnouncer)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save the sealed file…' })).toHaveFocus());

    // The file Go saved after all is shown, because it exists.
    release();
    expect(await screen.findByText('The sealed file is saved.', skipAnnouncer)).toBeVisible();
  });
});

describe('keychain prompt after a resume', () => {
  it('is explained before the first verification', async () => {
    const api = new FakeApi();
    api.keychainSecrets.add('acme');
    await saveDraft(api, { step: 'verify' });
    await resumeAcme(api);
    await heading('Check the link with UKG');

    expect(screen.getByText(/your computer may ask whether UKG Link Assistant may read it/)).toBeVisible();
  });

  it('uses the macOS notice when Go sends one', async () => {
    const api = new FakeApi();
    api.info.keychain_note = 'macOS may now ask whether "security" may use your confidential information.';
    api.keychainSecrets.add('acme');
    await saveDraft(api, { step: 'export', last_report: verifiedReport() });
    await resumeAcme(api);
    await heading('Save the sealed file');

    expect(screen.getByText(/macOS may now ask/)).toBeVisible();
  });
});
