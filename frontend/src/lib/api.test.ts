import { describe, expect, it, vi } from 'vitest';
import { createWailsApi } from './api';

describe('reading Go values', () => {
  it('reads the saved choice to skip verification', async () => {
    const draft = { name: 'acme', step: 'export', skip_verify: true, skip_reason: 'offline' };
    const LoadDraft = vi.fn(async () => ({ result: { status: 'ok' }, draft }));
    const api = createWailsApi({ go: { main: { App: { LoadDraft } as never } } });
    const loaded = await api.loadDraft('acme');
    expect(loaded.draft).toMatchObject({ skip_verify: true, skip_reason: 'offline' });
  });

  it('labels a scenario by its name when Go sends no label', async () => {
    const Start = vi.fn(async () => ({ scenarios: [{ name: 'ok', description: '' }] }));
    const api = createWailsApi({ go: { main: { App: { Start } as never } } });
    expect((await api.start()).scenarios[0].label).toBe('ok');
  });
});
