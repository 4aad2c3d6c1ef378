import { describe, expect, it, vi } from 'vitest';
import { createWailsApi, type WailsWindow } from './api';

function clipboardWindow(extra: Partial<WailsWindow> = {}) {
  const navigatorClipboard = { readText: vi.fn(async () => 'from-page'), writeText: vi.fn(async () => undefined) };
  const runtime = {
    EventsOn: () => undefined,
    EventsOff: () => undefined,
    ClipboardGetText: vi.fn(async () => 'from-runtime'),
    ClipboardSetText: vi.fn(async () => true),
  };
  const win = { navigator: { clipboard: navigatorClipboard } as unknown as Navigator, runtime, ...extra };
  return { win, navigatorClipboard, runtime };
}

describe('clipboard', () => {
  it('reads through the page in a browser', async () => {
    const { win, runtime } = clipboardWindow();
    expect(await createWailsApi(win).readClipboard()).toBe('from-page');
    expect(runtime.ClipboardGetText).not.toHaveBeenCalled();
  });

  it('reads through the runtime in the app window', async () => {
    const { win, navigatorClipboard } = clipboardWindow({ webkit: { messageHandlers: { external: {} } } });
    expect(await createWailsApi(win).readClipboard()).toBe('from-runtime');
    expect(navigatorClipboard.readText).not.toHaveBeenCalled();
  });

  it('falls back to the runtime when the page may not read', async () => {
    const { win, navigatorClipboard } = clipboardWindow();
    navigatorClipboard.readText.mockRejectedValue(new Error('NotAllowedError'));
    expect(await createWailsApi(win).readClipboard()).toBe('from-runtime');
  });

  it('clears through the page first', async () => {
    const { win, navigatorClipboard, runtime } = clipboardWindow();
    expect(await createWailsApi(win).clearClipboard()).toBe(true);
    expect(navigatorClipboard.writeText).toHaveBeenCalledWith('');
    expect(runtime.ClipboardSetText).not.toHaveBeenCalled();
  });

  it('clears through the runtime when the page may not write', async () => {
    const { win, navigatorClipboard, runtime } = clipboardWindow();
    navigatorClipboard.writeText.mockRejectedValue(new Error('NotAllowedError'));
    expect(await createWailsApi(win).clearClipboard()).toBe(true);
    expect(runtime.ClipboardSetText).toHaveBeenCalledWith('');
  });
});

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
