import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Scope } from '../lib/api';
import { FakeApi } from '../test/fakeApi';
import { heading, nextButton, openApp } from '../test/wizardPage';

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

function scope(name: string, area: string, access: string): Scope {
  return { name, area, access, summary: `${access} ${area}.` };
}

describe('data permissions', () => {
  it('are grouped by read and by change or create', async () => {
    const api = new FakeApi();
    api.info.scopes = [
      scope('recruiting.domain.candidates.read', 'Candidates', 'read'),
      scope('recruiting.domain.candidates.write', 'Candidates', 'write'),
      scope('recruiting.domain.candidate-import.create', 'Candidate import', 'create'),
      scope('recruiting.domain.offers.read', 'Offers', 'read'),
    ];
    await openApp(api);
    await userEvent.click(nextButton());
    await heading('Check your UKG rights');
    await userEvent.click(screen.getByLabelText(/I have one of these rights/));
    await userEvent.click(nextButton());
    await heading('Data the recruiting product will use');

    const read = screen.getByRole('region', { name: 'What the product may read' });
    const change = screen.getByRole('region', { name: 'What the product may change or create' });
    const names = (region: HTMLElement) => [...region.querySelectorAll('.scope-name')].map((e) => e.textContent);
    expect(names(read)).toEqual(['recruiting.domain.candidates.read', 'recruiting.domain.offers.read']);
    expect(names(change)).toEqual([
      'recruiting.domain.candidates.write',
      'recruiting.domain.candidate-import.create',
    ]);

    await userEvent.click(within(read).getByRole('button', { name: 'Copy the 2 read permissions' }));
    expect(api.clipboard).toEqual(['recruiting.domain.candidates.read\nrecruiting.domain.offers.read']);
  });

  it('wrap only after a dot', async () => {
    const api = new FakeApi();
    await openApp(api);
    await userEvent.click(nextButton());
    await userEvent.click(screen.getByLabelText(/I have one of these rights/));
    await userEvent.click(nextButton());
    await heading('Data the recruiting product will use');

    // Writes each <wbr> as "|" to show where the name may wrap.
    const code = document.querySelector('.scope-name')!;
    const layout = [...code.childNodes].map((n) => (n.nodeName === 'WBR' ? '|' : (n.textContent ?? ''))).join('');
    expect(layout).toBe('recruiting.|domain.|applications.|read');
  });
});
