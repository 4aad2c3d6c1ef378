import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import TextField from './TextField.svelte';
import SecretField from './SecretField.svelte';
import { FieldModel } from '../lib/field.svelte';
import { FakeApi } from '../test/fakeApi';

function setup(field: 'subdomain' | 'tenant' | 'client_id') {
  const api = new FakeApi();
  const model = new FieldModel(field, api);
  render(TextField, { model, label: 'Value', hint: 'Paste it' });
  return { api, model, input: screen.getByLabelText('Value') };
}

describe('TextField', () => {
  it('shows the subdomain extracted from a whole URL', async () => {
    const { input } = setup('subdomain');
    await userEvent.type(input, 'http://Servicet.ultipro.com/services/BIDataService');

    expect(await screen.findByText('https://servicet.ultipro.com will be used')).toBeVisible();
  });

  it('checks once after typing stops', async () => {
    const { api, input } = setup('subdomain');
    await userEvent.type(input, 'servicet');
    await screen.findByText('https://servicet.ultipro.com will be used');

    expect(api.checks).toEqual([{ field: 'subdomain', value: 'servicet' }]);
  });

  it('puts the error text in the live region', async () => {
    const { input } = setup('subdomain');
    await userEvent.type(input, 'service t');

    const message = await screen.findByText(/contains a space/);
    const region = message.closest('[aria-live]');
    expect(region).not.toBeNull();
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input.getAttribute('aria-describedby')).toContain(region!.id);
    expect(region).toHaveTextContent('The problem is at character 8.');
  });

  it('shows what was trimmed', async () => {
    const { input } = setup('client_id');
    await userEvent.click(input);
    await userEvent.paste('client-123 ');

    expect(await screen.findByText('Removed spaces around the value.')).toBeVisible();
  });

  it('keeps a trimmed value, never the untrimmed one', async () => {
    const { model, input } = setup('client_id');
    await userEvent.click(input);
    await userEvent.paste('  client-123\r\n');
    await model.settle();
    await model.commit();

    expect(model.input).toBe('client-123');
    await waitFor(() => expect(input).toHaveValue('client-123'));
  });

  it('warns about a lower-case tenant and accepts it', async () => {
    const { model, input } = setup('tenant');
    await userEvent.type(input, 'usg1008it124s');

    expect(await screen.findByText('Tenant names are usually upper case.')).toBeVisible();
    expect(model.ok).toBe(true);
  });

  it('says an emptied field is empty', async () => {
    const { input } = setup('tenant');
    await userEvent.type(input, 'A');
    await userEvent.clear(input);

    expect(await screen.findByText('Tenant name is empty.')).toBeVisible();
  });
});

describe('SecretField', () => {
  function setupSecret() {
    const api = new FakeApi();
    const model = new FieldModel('client_secret', api);
    render(SecretField, { model, label: 'Client secret', hint: 'Paste it' });
    return { model, input: screen.getByLabelText('Client secret') };
  }

  it('hides the secret until shown', async () => {
    const { input } = setupSecret();
    expect(input).toHaveAttribute('type', 'password');

    const toggle = screen.getByRole('button', { name: 'Show secret' });
    await userEvent.click(toggle);
    expect(input).toHaveAttribute('type', 'text');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Hide secret' }));
    expect(input).toHaveAttribute('type', 'password');
  });

  it('accepts a paste into the password input', async () => {
    const { model, input } = setupSecret();
    await userEvent.click(input);
    await userEvent.paste('ab/cd+ef$gh%20==\r\n');

    expect(model.input).toBe('ab/cd+ef$gh%20==\r\n');
    expect(await screen.findByText('Removed a line break at the end.')).toBeVisible();
    expect(screen.getByText('The cleaned-up value is the one that will be kept.')).toBeVisible();
  });

  it('never shows the secret in its messages', async () => {
    const { input } = setupSecret();
    await userEvent.click(input);
    await userEvent.paste('s3cr3t-value ');
    await screen.findByText('Removed spaces around the value.');

    expect(document.body.textContent).not.toContain('s3cr3t-value');
  });
});
