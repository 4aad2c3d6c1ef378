// End-to-end tests of the support tools, registered by run.mjs. A support
// snapshot created through the Help menu's event replays the same
// verification result in a fresh app. Sealed bundles open from the Start
// screen with a passphrase or an identity file, and expired ones only after
// "Open anyway".

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  appEnv,
  freePort,
  frontendDir,
  makeHome,
  projectRoot,
  sleep,
  spawnDesktop,
  stopGroup,
  tail,
} from './app.mjs';
import { findSecret } from './leaks.mjs';
import {
  audit,
  chooseScenario,
  clickButton,
  describeViolations,
  next,
  onStep,
  seeText,
  textOf,
} from './page.mjs';

const demoSecret = 'demo-secret-not-for-ukg';
const fixtures = path.join(projectRoot, 'backend', 'bundle', 'testdata');

const supportTest = 'support snapshot and passphrase bundle from one app';
const openTest = 'snapshot and bundles open in a fresh app';

/**
 * Starts the development binary like startDevApp in app.mjs, with extra
 * environment variables such as UKGLINK_TEST_OPEN_FILES, which the open
 * dialogs return in turn because a headless browser cannot click them.
 */
async function startApp(binary, home, label, extraEnv) {
  const port = await freePort();
  const args = ['-devserver', `127.0.0.1:${port}`, '-assetdir', path.join(frontendDir, 'dist')];
  const instance = spawnDesktop(home, label, binary, args, appEnv(home, extraEnv));
  instance.url = `http://127.0.0.1:${port}/`;
  let ended = null;
  void instance.exited.then((status) => (ended = status));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !ended) {
    try {
      const response = await fetch(instance.url);
      if (response.ok && (await response.text()).includes('/wails/ipc.js')) return instance;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await stopGroup(instance);
  throw new Error(`the app did not serve ${instance.url}\n--- ${label} stderr ---\n${tail(instance.stderrPath)}`);
}

/** Returns the title, message and missing scopes the Verify screen shows. */
async function shownResult(page) {
  const problems = await page.$$eval('.problem', (items) =>
    items.map((item) => ({
      title: item.querySelector('h3')?.textContent?.trim() ?? '',
      message: item.querySelector('p')?.textContent?.trim() ?? '',
    })),
  );
  const missing = (await page.locator('.missing pre').count()) > 0 ? await textOf(page, '.missing pre') : '';
  return { problems, missing };
}

/** Returns the problem codes and missing scopes of a draft's saved report. */
function savedReport(home, name) {
  const file = path.join(home.env.XDG_CONFIG_HOME, 'ukglink', 'profiles', `${name}.json`);
  const report = JSON.parse(fs.readFileSync(file, 'utf8')).last_report;
  return { codes: report.problems.map((p) => p.code), missing: report.missing_scopes };
}

async function snapshotWithoutLink(page, support) {
  await onStep(page, 1, 'Link a recruiting system');
  await requestSnapshotFromMenu(page);
  await seeText(page, 'There is no link on screen yet.');
  await audit(page, 'snapshot notice (no link)', support.audits);
  await clickButton(page, 'Close');
}

/**
 * Sends the event of Help > Create support snapshot. The menu is native (GTK
 * on Linux), which a headless browser cannot click. Its item calls
 * App.requestSnapshot in Go, which emits this event to the window. The Wails runtime's
 * EventsEmit delivers the same event to the page's own listeners.
 */
async function requestSnapshotFromMenu(page) {
  await page.evaluate(() => window.runtime.EventsEmit('menu:snapshot'));
}

async function createSnapshot(page, home, support) {
  await requestSnapshotFromMenu(page);
  await seeText(page, 'The support snapshot is saved.', 15_000);
  await seeText(page, 'but no client secret');
  const snapshotPath = await textOf(page, '.support-path');
  assert.equal(path.dirname(snapshotPath), home.exportDir);
  assert.match(path.basename(snapshotPath), /^ukglink-snapshot-e2e-support-\d{4}-\d{2}-\d{2}\.json$/);
  await audit(page, 'snapshot notice', support.audits);

  const data = fs.readFileSync(snapshotPath);
  for (const form of [demoSecret, Buffer.from(demoSecret).toString('base64')]) {
    assert.ok(!data.includes(form), `the snapshot contains the client secret as ${form}`);
  }
  assert.equal(JSON.parse(data.toString('utf8')).kind, 'ukglink-support-snapshot');
  await clickButton(page, 'Close');
  return snapshotPath;
}

async function exportToPassphrase(page, home, support) {
  await chooseScenario(page, 'ok');
  await clickButton(page, 'Verify again');
  await seeText(page, 'Verified: UKG accepted the client and every permission is enabled.', 30_000);
  await next(page);
  await onStep(page, 9, 'Save the sealed file');
  await page.getByLabel('Seal to a passphrase for a colleague', { exact: true }).check();
  await clickButton(page, 'Seal to a new passphrase and save…');
  await seeText(page, 'The sealed file is saved. It opens with the passphrase below.', 30_000);
  await seeText(page, 'A passphrase (age scrypt). A passphrase has no key fingerprint.');
  assert.equal(await page.locator('.export-facts .fingerprint').count(), 0, 'a passphrase bundle shows a fingerprint');
  const passphrase = await textOf(page, 'code.passphrase');
  assert.match(passphrase, /^[a-z]+(-[a-z]+){9}$/);
  await audit(page, 'export (passphrase)', support.audits);

  const bundlePath = await textOf(page, '.export-facts dd code');
  assert.equal(path.dirname(bundlePath), home.exportDir);
  assert.ok(fs.readFileSync(bundlePath).includes('-> scrypt '), 'the bundle has no scrypt stanza');
  return { bundlePath, passphrase };
}

async function openSnapshotAndReplay(page, home, support) {
  const { original } = support;
  await onStep(page, 1, 'Link a recruiting system');
  await seeText(page, 'Support tools');
  await audit(page, 'start (support tools)', support.audits);
  await clickButton(page, 'Open a support snapshot…');
  await onStep(page, 8, 'Check the link with UKG');
  await seeText(page, 'The support snapshot is open as the link “e2e-support”. Verify again');
  await seeText(page, 'Result of the last verification of this draft:');
  assert.deepEqual(await shownResult(page), original.shown, 'the recorded result differs from the original');

  await clickButton(page, 'Verify again');
  await seeText(page, 'Verification failed. Fix the problems below, then verify again.', 30_000);
  await page.locator('.progress li').first().waitFor();
  assert.deepEqual(await shownResult(page), original.shown, 'the replayed result differs from the original');
  assert.deepEqual(savedReport(home, 'e2e-support'), original.saved, 'the replayed codes differ from the original');
  await audit(page, 'verify (replayed snapshot)', support.audits);
}

async function openPassphraseBundle(page, support) {
  await page.reload();
  await onStep(page, 1, 'Link a recruiting system');
  await clickButton(page, 'Open a sealed bundle…');
  const input = page.getByLabel('Passphrase', { exact: true });
  await input.waitFor();
  assert.equal(await input.getAttribute('type'), 'password');
  await audit(page, 'bundle unlock (passphrase)', support.audits);

  await input.fill('wrong-words-for-this-bundle');
  await clickButton(page, 'Open the bundle');
  await seeText(page, 'This passphrase does not open the bundle.', 30_000);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  await audit(page, 'bundle unlock (wrong passphrase)', support.audits);

  await input.fill(support.passphrase);
  await clickButton(page, 'Open the bundle');
  await onStep(page, 8, 'Check the link with UKG');
  await seeText(page, 'The sealed bundle is open as the link “e2e-support-2”.');
  await clickButton(page, 'Verify again');
  await seeText(page, 'Verified: UKG accepted the client and every permission is enabled.', 30_000);
}

async function openExpiredBundle(page, support) {
  await page.reload();
  await onStep(page, 1, 'Link a recruiting system');
  await clickButton(page, 'Open a sealed bundle…');
  await seeText(page, 'This bundle is sealed to a key.');
  await clickButton(page, 'Choose the identity file and open…');
  const expired = page.getByText(/^This bundle expired on \d{1,2} October 2025\.$/);
  await expired.waitFor();
  assert.equal(await page.locator('h2.step-heading').innerText(), 'Link a recruiting system');
  await audit(page, 'bundle unlock (expired)', support.audits);

  await clickButton(page, 'Open anyway');
  await onStep(page, 8, 'Check the link with UKG');
  await seeText(page, 'The sealed bundle is open as the link “demo”.');
}

/**
 * Registers the support tests with run.mjs's runner (test) and its shared
 * state. openPage opens a page on an instance, and fillUpToCredentials walks
 * a new link to its saved secret. setupTest names the test that builds the
 * binary and starts Chromium.
 */
export function registerSupportTests({ test, setupTest, state, openPage, fillUpToCredentials, devBinary, tmpRoot }) {
  const support = { audits: [], homes: [] };
  state.support = support;

  test(supportTest, [setupTest], async () => {
    const home = makeHome(path.join(tmpRoot, 'support-original'));
    support.homes.push(home);
    const app = await startApp(devBinary, home, 'support-original', {});
    try {
      const page = await openPage(app);
      await snapshotWithoutLink(page, support);
      await fillUpToCredentials(page, 'e2e-support');
      await seeText(page, 'The secret is saved in the system keychain');
      await next(page);
      await onStep(page, 8, 'Check the link with UKG');
      await chooseScenario(page, 'missing-scopes');
      await clickButton(page, 'Verify now');
      await seeText(page, 'Verification failed. Fix the problems below, then verify again.', 30_000);
      support.original = { shown: await shownResult(page), saved: savedReport(home, 'e2e-support') };
      assert.ok(support.original.shown.problems.length > 0, 'the failed verification shows no problem');
      assert.notEqual(support.original.shown.missing, '', 'the failed verification lists no missing scope');

      support.snapshotPath = await createSnapshot(page, home, support);
      Object.assign(support, await exportToPassphrase(page, home, support));
      await page.close();
    } finally {
      await stopGroup(app);
    }
  });

  test(openTest, [supportTest], async () => {
    const home = makeHome(path.join(tmpRoot, 'support-fresh'));
    support.homes.push(home);
    const openFiles = [
      support.snapshotPath,
      support.bundlePath,
      path.join(fixtures, 'v1-expired.age'),
      path.join(fixtures, 'test-identity.txt'),
    ];
    const app = await startApp(devBinary, home, 'support-fresh', {
      UKGLINK_TEST_OPEN_FILES: openFiles.join(path.delimiter),
    });
    try {
      const page = await openPage(app);
      await openSnapshotAndReplay(page, home, support);
      await openPassphraseBundle(page, support);
      await openExpiredBundle(page, support);
      await page.close();
    } finally {
      await stopGroup(app);
    }
  });

  test('axe finds no serious violations on support screens', [openTest], async () => {
    const screens = [
      'snapshot notice (no link)',
      'snapshot notice',
      'export (passphrase)',
      'start (support tools)',
      'verify (replayed snapshot)',
      'bundle unlock (passphrase)',
      'bundle unlock (wrong passphrase)',
      'bundle unlock (expired)',
    ];
    for (const colorScheme of ['light', 'dark']) {
      const audited = support.audits.filter((a) => a.colorScheme === colorScheme).map((a) => a.screen);
      assert.deepEqual(audited, screens, `screens audited in the ${colorScheme} theme`);
    }
    const failing = support.audits.filter((a) => a.violations.length > 0);
    assert.equal(failing.length, 0, `serious or critical axe violations:\n${describeViolations(failing)}`);
  });
}

/**
 * Registers the check that neither the client secret nor the passphrase
 * reached a file of the support tests' homes or Chromium's profile. Register
 * it after every test that uses the browser: it closes the browser, which
 * writes web storage to disk.
 */
export function registerSupportLeakTest({ test, state, chromiumProfile }) {
  test('support files leak no secret or passphrase', [openTest], async () => {
    const { support } = state;
    if (state.browser) {
      await state.browser.close();
      state.browser = null;
    }
    const dirs = [...support.homes.map((h) => h.dir), chromiumProfile];
    const secretHits = findSecret(dirs, demoSecret);
    assert.deepEqual(secretHits, []);
    const passphraseHits = findSecret(dirs, support.passphrase);
    assert.deepEqual(passphraseHits, []);
  });
}
