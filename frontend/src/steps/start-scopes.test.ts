import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeApi } from '../test/fakeApi';
import { nextButton, openApp } from '../test/wizardPage';

describe('link name', () => {
  it('is checked as it is typed, in plain words', async () => {
    const api = await openApp();
    const name = screen.getByLabelText('Name for this link');
    await userEvent.clear(name);
    await userEvent.type(name, 'acme corp');

    expect(screen.getByText(/^The name cannot contain spaces\. Use only letters/)).toBeVisible();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(nextButton()).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(nextButton());
    expect(api.drafts.size).toBe(0);
    expect(screen.queryByText(/position|Invalid profile name/)).toBeNull();

    await userEvent.clear(name);
    await userEvent.type(name, 'acme-corp');
    expect(name).toHaveAttribute('aria-invalid', 'false');
    expect(nextButton()).toHaveAttribute('aria-disabled', 'false');
  });

  it('rejects the name of a saved link', async () => {
    const api = new FakeApi();
    api.info.drafts = [{ name: 'acme', step: 'tenant', updated_at: '', tenant: '', secret_stored: false, verified: false }];
    await openApp(api);
    const name = screen.getByLabelText('Name for this link');
    await userEvent.clear(name);
    await userEvent.type(name, 'acme');

    expect(screen.getByText(/A link named “acme” exists already/)).toBeVisible();
  });
});
