import { describe, expect, it, vi } from 'vitest';
import { createWailsApi } from './api';

describe('reading Go values', () => {
  it('labels a scenario by its name when Go sends no label', async () => {
    const Start = vi.fn(async () => ({ scenarios: [{ name: 'ok', description: '' }] }));
    const api = createWailsApi({ go: { main: { App: { Start } as never } } });
    expect((await api.start()).scenarios[0].label).toBe('ok');
  });
});
