import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import FieldMessages from './FieldMessages.svelte';
import DemoBanner from './DemoBanner.svelte';
import { FieldModel } from '../lib/field.svelte';
import { Wizard } from '../lib/wizard.svelte';
import type { FieldResult } from '../lib/api';
import { FakeApi } from '../test/fakeApi';

function failure(message: string, position: number): FieldResult {
  return {
    result: { status: 'failed', code: 'whitespace_inside', field: 'identity_host', message },
    value: '',
    display: '',
    notes: [],
    warnings: [],
    position,
    suggested_account_type: '',
  };
}

async function showFailure(message: string, position: number) {
  const api = new FakeApi();
  api.checkField = async () => failure(message, position);
  const model = new FieldModel('identity_host', api, true);
  render(FieldMessages, { model, id: 'messages' });
  model.update('sign in.ultipro.com');
  await model.settle();
  return screen.findByText(message, { exact: false });
}

describe('FieldMessages', () => {
  it('states the position once when the message names it', async () => {
    const text = 'The host name "sign in.ultipro.com" contains a space at position 5.';
    const message = await showFailure(text, 5);

    expect(message).toHaveTextContent(text);
    expect(message).not.toHaveTextContent('The problem is at character');
  });

  it('adds the position when the message does not name it', async () => {
    const message = await showFailure('The host name contains a backslash.', 7);

    expect(message).toHaveTextContent('The problem is at character 7.');
  });
});

describe('DemoBanner', () => {
  it('shows plain labels and keeps the scenario names', async () => {
    const api = new FakeApi();
    api.info.demo = true;
    api.info.scenario = 'ok';
    api.info.scenarios = [
      { name: 'ok', label: 'Everything works', description: '' },
      { name: 'probe-forbidden', label: 'A read refused (403)', description: '' },
    ];
    const wizard = new Wizard(api);
    await wizard.load();
    render(DemoBanner, { wizard });
    const menu = screen.getByLabelText('Simulated situation');

    expect([...menu.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Everything works',
      'A read refused (403)',
    ]);
    await userEvent.selectOptions(menu, 'A read refused (403)');
    expect(api.info.scenario).toBe('probe-forbidden');
  });
});
