import { describe, expect, it } from 'vitest';
import { FakeApi, verifiedReport } from '../test/fakeApi';
import { Wizard } from './wizard.svelte';

async function wizardAtExport(api: FakeApi): Promise<Wizard> {
  const wizard = new Wizard(api);
  await wizard.load();
  await api.newDraft('acme');
  Object.assign(api.drafts.get('acme')!, { step: 'export', last_report: verifiedReport({ status: 'failed' }) });
  return wizard;
}

describe('Wizard.exportBundle', () => {
  it('refuses without a verification or a reason', async () => {
    const api = new FakeApi();
    const wizard = await wizardAtExport(api);
    await wizard.resume('acme');
    wizard.step = 'export';
    await wizard.exportBundle();

    expect(api.exports).toEqual([]);
    expect(wizard.exportResult?.result).toMatchObject({ status: 'failed', code: 'not_verified' });
  });

  it('sends the reason given to skip verification', async () => {
    const api = new FakeApi();
    const wizard = await wizardAtExport(api);
    await wizard.resume('acme');
    wizard.skipping = true;
    wizard.skipReason = '  offline  ';
    await wizard.exportBundle();

    expect(api.exports).toEqual([{ name: 'acme', skipVerify: true, reason: 'offline' }]);
  });
});

describe('Wizard.load', () => {
  it('uses a Start call already under way', async () => {
    const api = new FakeApi();
    let calls = 0;
    api.start = async () => {
      calls += 1;
      return api.info;
    };
    const started = api.start();
    const wizard = new Wizard(api);
    await wizard.load(started);

    expect(calls).toBe(1);
    expect(wizard.info).toStrictEqual(api.info);
  });

  it('makes the Start call itself without one', async () => {
    const api = new FakeApi();
    let calls = 0;
    api.start = async () => {
      calls += 1;
      return api.info;
    };
    const wizard = new Wizard(api);
    await wizard.load();

    expect(calls).toBe(1);
    expect(wizard.info).toStrictEqual(api.info);
  });
});
