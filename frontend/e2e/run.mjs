// End-to-end tests of UKG Link Assistant: the development build runs in
// demo mode under Xvfb with the real Go backend, the real keychain
// (gnome-keyring) and the built-in UKG simulator, and headless Chromium
// walks the wizard through its dev server. Prints "N passed, N failed" last
// and exits non-zero when a test failed.
//
// Environment: UKGLINK_E2E_SCREENSHOT_DIR (default build/screenshots/e2e) is
// where the screenshots go, so set it to docs/screenshots to refresh the
// README's images. UKGLINK_E2E_KEEP=1 keeps the temporary folders.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { frontendDir, makeHome, projectRoot, startDevApp, stopGroup } from './app.mjs';
import { findSecret } from './leaks.mjs';
import { registerSupportLeakTest, registerSupportTests } from './support.mjs';
import {
  audit,
  checkPng,
  chooseScenario,
  clickButton,
  describeViolations,
  focusOnButton,
  next,
  onStep,
  paste,
  screenshot,
  seeText,
  tabTo,
  textOf,
  waitUntil,
} from './page.mjs';

// Values the demo simulator accepts (DemoTenant, DemoClientID and
// DemoClientSecret in backend/ukgsim). The simulator takes no other secret,
// so the leak check looks for this one.
const demo = {
  tenant: 'USG1008IT124S',
  clientId: 'ukglink-demo-client',
  secret: 'demo-secret-not-for-ukg',
};

// Scopes the simulator's missing-scopes scenario withholds: the import ones.
const importScopes = [
  'recruiting.domain.application-import.create',
  'recruiting.domain.application-import.read',
  'recruiting.domain.candidate-import.create',
  'recruiting.domain.candidate-import.read',
];

const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const screenshotDir = path.resolve(
  projectRoot,
  process.env.UKGLINK_E2E_SCREENSHOT_DIR || path.join('build', 'screenshots', 'e2e'),
);
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ukglink-e2e-'));
const devBinary = path.join(tmpRoot, 'ukglink-dev');
const chromiumProfile = path.join(tmpRoot, 'chromium');

// State that later tests read from earlier ones.
const state = {
  browser: null,
  walkHome: null,
  resumeHome: null,
  keychainHome: null,
  bundle: null,
  /** What the clipboard contained when the walk ended. */
  clipboardAfterWalk: null,
  audits: [],
  shots: [],
  walkedScreens: new Set(),
};

// ---- a tiny sequential runner ----------------------------------------------

// A test whose needs did not pass is not run, and counts as failed.
const tests = [];
function test(name, needs, fn, timeoutMs = 120_000) {
  tests.push({ name, needs, fn, timeoutMs });
}

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runAll() {
  let passed = 0;
  let failed = 0;
  const passedNames = new Set();
  for (const t of tests) {
    const started = Date.now();
    const unmet = t.needs.filter((n) => !passedNames.has(n));
    if (unmet.length > 0) {
      failed++;
      console.log(`FAIL  ${t.name}: not run, because "${unmet.join('", "')}" did not pass`);
      continue;
    }
    try {
      await withTimeout(t.fn(), t.timeoutMs, t.name);
      passed++;
      passedNames.add(t.name);
      console.log(`ok    ${t.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.log(`FAIL  ${t.name} (${Date.now() - started} ms)\n${indent(err.stack ?? String(err))}`);
    }
  }
  return { passed, failed };
}

function indent(text) {
  return text.replace(/^/gm, '      ');
}

const setupTest = 'frontend and dev binary build';
const walkTest = 'wizard walk from start to export';
const resumeTest = 'draft resumes after a restart';
const keychainTest = 'missing keychain offers session-only storage';

// ---- builds and browser ----------------------------------------------------

test(setupTest, [], async () => {
  // Always build: the dev binary serves frontend/dist, and a stale build
  // would test old code.
  execFileSync('npm', ['run', 'build'], { cwd: frontendDir, stdio: 'inherit' });
  execFileSync('go', ['build', '-tags', 'dev,webkit2_41', '-o', devBinary, '.'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  assert.ok(fs.statSync(devBinary).size > 0, `${devBinary} is empty`);
  state.browser = await chromium.launchPersistentContext(chromiumProfile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1280, height: 900 },
  });
});

/** Opens a page on a started instance with the clipboard allowed. */
async function openPage(instance) {
  assert.ok(state.browser, 'Chromium did not start');
  const origin = instance.url.replace(/\/$/, '');
  await state.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await state.browser.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(instance.url);
  return page;
}

// ---- the walk through every screen -----------------------------------------

async function record(page, screen, shotName) {
  state.walkedScreens.add(screen);
  await audit(page, screen, state.audits);
  if (shotName) await screenshot(page, screenshotDir, shotName, state.shots);
}

async function walkStart(page) {
  await onStep(page, 1, 'Link a recruiting system');
  assert.ok(await page.locator('input[name="ats"]').first().isChecked(), 'the only system is not preselected');
  await tabTo(page, '#field-name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('e2e-walk');
  await record(page, 'start', '01-start');
  await page.keyboard.press('Enter');
}

async function walkAdminAndScopes(page) {
  await onStep(page, 2, 'Check your UKG rights');
  // Next is aria-disabled but stays focusable, and Enter on it explains why.
  await tabTo(page, 'button.primary');
  await page.keyboard.press('Enter');
  await seeText(page, 'Next is not available yet: confirm that you have the rights listed above.');
  await page.locator('h2.step-heading').focus();
  await tabTo(page, '#field-admin');
  await page.keyboard.press('Space');
  assert.ok(await page.locator('#field-admin').isChecked(), 'Space did not tick the admin box');
  await record(page, 'admin', '02-admin');
  await tabTo(page, 'button.primary');
  await page.keyboard.press('Enter');

  await onStep(page, 3, 'Data the recruiting product will use');
  assert.equal(await page.locator('.scope-name').count(), 14);
  await record(page, 'scopes', '03-scopes');
  await next(page);
}

async function walkSubdomain(page) {
  await onStep(page, 4, 'Find the web-service address');
  await paste(page, '#field-subdomain', 'http://Servicet.ultipro.com/services/BIDataService');
  await seeText(page, 'https://servicet.ultipro.com will be used');
  await seeText(page, 'Subdomain: servicet');
  await record(page, 'subdomain', '04-subdomain');
  await page.keyboard.press('Enter');
}

async function walkAccountType(page) {
  await onStep(page, 5, 'Choose the account type');
  await tabTo(page, 'input[name="account_type"]');
  await page.keyboard.press('ArrowDown');
  const chosen = page.locator('input[name="account_type"]:checked');
  assert.equal(await chosen.getAttribute('value'), 'test');
  await checkRadioContrast(page);
  await record(page, 'account_type', '05-account-type');
  await next(page);
}

/**
 * Checks in the dark theme that an unselected radio is hollow, so that it
 * cannot be taken for a selected one. Its middle is as dark as the card,
 * and its ring contrasts with the middle.
 */
async function checkRadioContrast(page) {
  await page.emulateMedia({ colorScheme: 'dark' });
  const look = await page.evaluate(() => {
    const luminance = (color) => {
      const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const radio = document.querySelector('input[name="account_type"]:not(:checked)');
    const style = getComputedStyle(radio);
    const card = getComputedStyle(document.querySelector('.step')).backgroundColor;
    const ring = luminance(style.borderTopColor);
    const middle = luminance(style.backgroundColor);
    return { appearance: style.appearance, middle, card: luminance(card), ratio: (ring + 0.05) / (middle + 0.05) };
  });
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(look.appearance, 'none', 'radios are drawn by the theme, which may fill unselected ones');
  assert.ok(Math.abs(look.middle - look.card) < 0.01, `an unselected radio is not hollow: ${JSON.stringify(look)}`);
  assert.ok(look.ratio >= 3, `the ring of an unselected radio is too faint: ${JSON.stringify(look)}`);
}

async function walkTenant(page) {
  await onStep(page, 6, 'Find the tenant name');
  await paste(page, '#field-tenant', 'https://rec-demo-b.ultipro.com/USG1008IT124S/Dashboard');
  await seeText(page, `Tenant name: ${demo.tenant}`);
  await seeText(page, `Took the tenant name ${demo.tenant} from the path`);
  await record(page, 'tenant', '06-tenant');
  await page.keyboard.press('Enter');
}

/** Takes the way of an admin who has no client ID and secret yet. */
async function waitForCredentials(page, home) {
  await clickButton(page, 'I don’t have them yet');
  await seeText(page, 'Your draft is saved');
  await seeText(page, 'Send the request above to UKG support.');
  const request = page.locator('#support-text');
  const note = page.locator('#waiting-heading');
  const above = await request.evaluate(
    (r, n) => Boolean(r.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING),
    await note.elementHandle(),
  );
  assert.ok(above, 'the request to UKG support is not above the note that points to it');
  const draft = savedDraft(home, 'e2e-walk');
  assert.equal(draft.step, 'credentials');
  assert.equal(draft.profile.tenant, demo.tenant);
}

async function walkCredentials(page, home) {
  await onStep(page, 7, 'Enter the client ID and secret');
  await waitUntil(
    page,
    `the request to UKG support does not name the tenant ${demo.tenant}`,
    (tenant) => document.querySelector('#support-text')?.value.includes(`for tenant ${tenant} `),
    demo.tenant,
  );
  await waitForCredentials(page, home);
  await tabTo(page, '#field-client_id');
  await page.keyboard.type(demo.clientId);
  assert.equal(await page.locator('#field-client_secret').getAttribute('type'), 'password');
  await paste(page, '#field-client_secret', `${demo.secret}\n`);
  const messages = page.locator('#field-client_secret-messages');
  await messages.locator('[data-code="trimmed"]').waitFor();
  await seeText(page, 'The cleaned-up value is the one that will be kept.');
  await seeText(page, 'The secret was removed from your clipboard');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '', 'the clipboard still has the secret');

  await clickButton(page, 'Save the secret in the keychain');
  await seeText(page, `The secret is saved in the system keychain (${demo.secret.length} characters).`);
  await focusOnButton(page, 'Save the secret in the keychain');
  assert.equal(await page.locator('#field-client_secret').inputValue(), '', 'the secret input was not cleared');
  assert.match(await textOf(page, '.msg-note[data-code="trimmed"]'), /line break/i);
  await record(page, 'credentials', '07-credentials');
  await next(page);
}

/**
 * Calls CancelVerify from a second page of the app. The Wails v2.9.2 dev
 * server runs the calls of one page one after another, so the Cancel button's
 * own call waits until Verify has returned. The desktop window runs each call
 * on its own goroutine, where the button alone cancels.
 */
async function cancelFromSecondPage(url) {
  const second = await state.browser.newPage();
  try {
    await second.goto(url);
    await second.waitForFunction(() => window.go?.main?.App?.CancelVerify !== undefined);
    const result = await second.evaluate(() => window.go.main.App.CancelVerify());
    assert.equal(result.status, 'cancelled', `CancelVerify returned ${JSON.stringify(result)}`);
  } finally {
    await second.close();
  }
}

/** Cancels a verification against a UKG that never responds, then lets one time out. */
async function verifyCancelledAndTimedOut(page) {
  await onStep(page, 8, 'Check the link with UKG');
  await chooseScenario(page, 'drop');
  await clickButton(page, 'Verify now');
  await page.locator('.progress-running').first().waitFor();
  await clickButton(page, 'Cancel');
  await cancelFromSecondPage(page.url());
  await seeText(page, 'Verification was cancelled. Nothing was changed.', 15_000);
  await focusOnButton(page, 'Verify again');
  assert.ok((await page.locator('.progress-cancelled').count()) > 0, 'no check is shown as cancelled');
  assert.equal(await page.locator('.progress-failed').count(), 0, 'a cancelled check is shown as failed');
  await record(page, 'verify (cancelled)');

  await clickButton(page, 'Verify again');
  await seeText(page, 'UKG did not answer in time.', 20_000);
  assert.ok((await page.locator('.progress-timed_out').count()) > 0, 'no check is shown as timed out');
  assert.equal(await page.locator('.progress-failed').count(), 0, 'a timed-out check is shown as failed');
  const main = await textOf(page, 'main');
  assert.ok(main.includes('signin.ultipro.com (simulated)'), 'the problem does not name the UKG identity host');
  assert.ok(!main.includes('127.0.0.1'), 'the page names the simulator address instead of UKG');
  await record(page, 'verify (timed out)');
}

/** Starts the missing-scopes verification from the box for skipping it. */
async function verifyInstead(page) {
  await chooseScenario(page, 'missing-scopes');
  await clickButton(page, 'Continue without verifying');
  await page.locator('#skip-reason').waitFor();
  await clickButton(page, 'Verify instead');
}

async function verifyMissingScopes(page) {
  await verifyInstead(page);
  await seeText(page, 'Verification failed. Fix the problems below, then verify again.', 30_000);
  await seeText(page, `Connected, but ${importScopes.length} permissions are missing`);
  await focusOnButton(page, 'Verify again');
  assert.equal(await page.locator('.progress-running').count(), 0, 'a check is still shown as running');
  assert.equal(await textOf(page, '.progress-failed .progress-message'), 'Scopes not enabled');
  const message = await textOf(page, '.problem p');
  assert.match(message, /has not enabled every scope/);
  assert.equal((await textOf(page, 'main')).split(message).length - 1, 1, 'the problem message is shown twice');
  assert.equal(await textOf(page, '.missing pre'), importScopes.join('\n'));
  for (const scope of importScopes) {
    assert.ok((await textOf(page, '.problem')).includes(scope), `the problem does not name ${scope}`);
  }
  await record(page, 'verify (missing scopes)', '08-verify-missing-scopes');

  // The problem's own button is the way back to the field at fault. It leads
  // to the field it names, and Return in that field comes back to Verify.
  const problem = page.locator('.problem').filter({ has: page.getByRole('heading', { name: 'Scopes not enabled' }) });
  await problem.getByRole('button', { name: 'Go to Client ID' }).click();
  await onStep(page, 7, 'Enter the client ID and secret', '#field-client_id');
  assert.equal(await page.locator('#field-client_id').inputValue(), demo.clientId);
}

async function verifyOk(page) {
  // UKG support has enabled the scopes, so the simulator grants them from now on.
  await chooseScenario(page, 'ok');
  await page.locator('#field-client_id').press('Enter');
  await onStep(page, 8, 'Check the link with UKG');
  await clickButton(page, 'Verify again');
  await seeText(page, 'Verified: UKG accepted the client and every permission is enabled.', 30_000);
  await seeText(page, 'This check ran against the simulated UKG server of demo mode.');
  await focusOnButton(page, 'Verify again');
  assert.equal(await page.locator('.progress-ok').count(), await page.locator('.progress li').count());
  await record(page, 'verify (verified)', '08-verify');
  await next(page);
}

async function walkExport(page, exportDir) {
  await onStep(page, 9, 'Save the sealed file');
  await seeText(page, 'Recipient fingerprint');
  await clickButton(page, 'Save the sealed file…');
  await seeText(page, 'The sealed file is saved.', 20_000);
  await focusOnButton(page, 'Save another copy…');
  const files = fs.readdirSync(exportDir);
  assert.equal(files.length, 1, `expected one file in ${exportDir}, found ${files.join(', ')}`);
  assert.match(files[0], /^e2e-walk-\d{4}-\d{2}-\d{2}\.age$/);
  state.bundle = path.join(exportDir, files[0]);
  assert.equal(await textOf(page, '.export-facts dd code'), state.bundle);
  await record(page, 'export', '09-export');
}

test(walkTest, [setupTest], async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  state.walkHome = makeHome(path.join(tmpRoot, 'walk'));
  const app = await startDevApp(devBinary, state.walkHome, 'app');
  try {
    const page = await openPage(app);
    await walkStart(page);
    await walkAdminAndScopes(page);
    await walkSubdomain(page);
    await walkAccountType(page);
    await walkTenant(page);
    await walkCredentials(page, state.walkHome);
    await verifyCancelledAndTimedOut(page);
    await verifyMissingScopes(page);
    await verifyOk(page);
    await walkExport(page, state.walkHome.exportDir);
    state.clipboardAfterWalk = await page.evaluate(() => navigator.clipboard.readText());
    await page.close();
  } finally {
    await stopGroup(app);
  }
});

test('exported bundle opens with the CLI', [walkTest], async () => {
  assert.ok(state.bundle, 'the walk exported no bundle');
  const identity = path.join(state.walkHome.env.XDG_DATA_HOME, 'ukglink', 'demo-identity.txt');
  const env = { PATH: process.env.PATH, ...state.walkHome.env };
  const run = (...args) => execFileSync(devBinary, ['open', '-i', identity, ...args, state.bundle], { env, encoding: 'utf8' });

  const text = run();
  assert.match(text, new RegExp(`^Tenant: +${demo.tenant}$`, 'm'));
  assert.match(text, /^Verification: +.*verified/im);
  assert.ok(!text.includes(demo.secret), 'open without --reveal-secret printed the secret');

  const contents = JSON.parse(run('--json', '--reveal-secret'));
  assert.equal(contents.profile.tenant, demo.tenant);
  assert.equal(contents.profile.subdomain, 'servicet');
  assert.equal(contents.profile.client_id, demo.clientId);
  assert.equal(contents.client_secret, demo.secret, 'the sealed secret is not the trimmed secret');
  assert.equal(contents.verification.run, true);
  assert.equal(contents.verification.report.status, 'verified');
});

// ---- resume after a restart ------------------------------------------------

async function fillUpToCredentials(page, name = 'e2e-resume') {
  await onStep(page, 1, 'Link a recruiting system');
  await page.locator('#field-name').fill(name);
  await next(page);
  await onStep(page, 2, 'Check your UKG rights');
  await page.locator('#field-admin').check();
  await next(page);
  await onStep(page, 3, 'Data the recruiting product will use');
  await next(page);
  await onStep(page, 4, 'Find the web-service address');
  await clickButton(page, 'Fill in the demo values');
  await seeText(page, 'https://servicet.ultipro.com will be used');
  await next(page);
  await onStep(page, 5, 'Choose the account type');
  await next(page);
  await onStep(page, 6, 'Find the tenant name');
  await seeText(page, `Tenant name: ${demo.tenant}`);
  await next(page);
  await onStep(page, 7, 'Enter the client ID and secret');
  await clickButton(page, 'Save the secret in the keychain');
}

function savedDraft(home, name) {
  const file = path.join(home.env.XDG_CONFIG_HOME, 'ukglink', 'profiles', `${name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

test(resumeTest, [setupTest], async () => {
  state.resumeHome = makeHome(path.join(tmpRoot, 'resume'));
  const first = await startDevApp(devBinary, state.resumeHome, 'first');
  try {
    const page = await openPage(first);
    await fillUpToCredentials(page);
    await seeText(page, 'The secret is saved in the system keychain');
    await clickButton(page, 'Back');
    await onStep(page, 6, 'Find the tenant name');
    await page.close();
  } finally {
    await stopGroup(first);
  }
  const draft = savedDraft(state.resumeHome, 'e2e-resume');
  assert.equal(draft.step, 'tenant');
  assert.equal(draft.secret_stored, true);

  const second = await startDevApp(devBinary, state.resumeHome, 'second');
  try {
    const page = await openPage(second);
    await onStep(page, 1, 'Link a recruiting system');
    await seeText(page, `Tenant ${demo.tenant}`);
    await seeText(page, 'Stopped at “Tenant name”');
    await record(page, 'start (saved drafts)');
    await clickButton(page, 'Resume e2e-resume');
    await onStep(page, 6, 'Find the tenant name');
    assert.equal(await page.locator('#field-tenant').inputValue(), demo.tenant);
    await page.locator('nav.steps').getByRole('button', { name: /Web-service address/ }).click();
    await onStep(page, 4, 'Find the web-service address');
    assert.equal(await page.locator('#field-subdomain').inputValue(), 'servicet');
    await next(page);
    await onStep(page, 5, 'Choose the account type');
    assert.equal(await page.locator('input[name="account_type"]:checked').getAttribute('value'), 'production');
    await next(page);
    await onStep(page, 6, 'Find the tenant name');
    await next(page);
    await onStep(page, 7, 'Enter the client ID and secret');
    assert.equal(await page.locator('#field-client_id').inputValue(), demo.clientId);
    await seeText(page, 'The secret is saved in the system keychain');
    const status = await textOf(page, '.msg-ok');
    assert.doesNotMatch(status, /\(0 characters\)/, 'the saved secret is said to be empty');
    await next(page);
    await onStep(page, 8, 'Check the link with UKG');
    await clickButton(page, 'Verify now');
    await seeText(page, 'Verified: UKG accepted the client and every permission is enabled.', 30_000);
    await page.close();
  } finally {
    await stopGroup(second);
  }
});

// ---- no keychain -----------------------------------------------------------

test(keychainTest, [setupTest], async () => {
  state.keychainHome = makeHome(path.join(tmpRoot, 'no-keychain'));
  const app = await startDevApp(devBinary, state.keychainHome, 'app', { keychain: false });
  try {
    const page = await openPage(app);
    await fillUpToCredentials(page, 'e2e-no-keychain');
    await seeText(page, 'The client secret could not be saved in the keychain.');
    await seeText(page, 'Or choose "Don\'t save, ask me next time".');
    const failureText = await textOf(page, '.result-failed .result-line');
    assert.doesNotMatch(failureText, /keychain save for profile|dial unix|no such file/, 'the message shows the raw keychain error');
    assert.equal(await page.locator('.result-failed details pre').isVisible(), false, 'the detail is not behind "Show details"');
    await record(page, 'credentials (keychain error)');

    await clickButton(page, 'Don’t save, ask me next time');
    await seeText(page, `The secret is kept for this session (${demo.secret.length} characters).`);
    assert.equal(savedDraft(state.keychainHome, 'e2e-no-keychain').ask_each_time, true);
    await next(page);
    await onStep(page, 8, 'Check the link with UKG');
    await clickButton(page, 'Verify now');
    await seeText(page, 'Verified: UKG accepted the client and every permission is enabled.', 30_000);
    await page.close();
  } finally {
    await stopGroup(app);
  }
});

test('axe finds no serious violations on any screen', [setupTest], async () => {
  const screens = [
    'start',
    'admin',
    'scopes',
    'subdomain',
    'account_type',
    'tenant',
    'credentials',
    'verify (cancelled)',
    'verify (timed out)',
    'verify (missing scopes)',
    'verify (verified)',
    'export',
    'start (saved drafts)',
    'credentials (keychain error)',
  ];
  const missing = screens.filter((s) => !state.walkedScreens.has(s));
  assert.deepEqual(missing, [], 'the walk did not reach these screens');
  const failing = state.audits.filter((a) => a.violations.length > 0);
  assert.equal(failing.length, 0, `serious or critical axe violations:\n${describeViolations(failing)}`);
  const minor = new Set(state.audits.flatMap((a) => a.minor));
  if (minor.size > 0) console.log(`      moderate or minor axe findings: ${[...minor].join(', ')}`);

  // The same audit on a page with known faults must report them.
  const page = await state.browser.newPage();
  await page.setContent('<main><input type="text"><p style="color:#999;background:#aaa">faint</p></main>');
  const control = [];
  await audit(page, 'control page', control);
  await page.close();
  const ids = control.flatMap((a) => a.violations.map((v) => v.id));
  assert.ok(ids.includes('label'), `axe missed the input without a label: ${ids}`);
  assert.ok(ids.includes('color-contrast'), `axe missed the faint text: ${ids}`);
});

test('screenshots of every screen', [setupTest], async () => {
  assert.ok(state.shots.length >= 10, `only ${state.shots.length} screenshots were taken`);
  for (const file of state.shots) checkPng(file, 1280, 900);
});

// ---- support tools: snapshots and bundles opened in the app ----------------

registerSupportTests({ test, setupTest, state, openPage, fillUpToCredentials, devBinary, tmpRoot });

// ---- the secret stays in the keychain and the bundle -----------------------

test('secret leaks into no file and no output', [walkTest, resumeTest, keychainTest], async () => {
  const scratch = fs.mkdtempSync(path.join(tmpRoot, 'scan-check-'));
  fs.writeFileSync(path.join(scratch, 'canary'), Buffer.from(`x${demo.secret}x`, 'utf16le'));
  assert.equal(findSecret([scratch], demo.secret).length, 1, 'the scan cannot find a planted secret');

  const homes = [state.walkHome, state.resumeHome, state.keychainHome];
  assert.ok(homes.every(Boolean), 'a test that starts the app did not run');
  for (const home of homes) {
    assert.ok(home.env.TMPDIR.startsWith(home.dir), `TMPDIR ${home.env.TMPDIR} is outside the scanned ${home.dir}`);
  }
  assert.equal(typeof state.clipboardAfterWalk, 'string', 'the clipboard was not read after the walk');
  assert.ok(!state.clipboardAfterWalk.includes(demo.secret), 'the secret is still on the clipboard');
  // Each home folder contains the HOME, XDG and TMPDIR folders, the export
  // folder with the sealed bundle, and the app's stdout and stderr files. Chromium's
  // profile shows whether the page put the secret in web storage; closing
  // the browser writes that storage to disk.
  await state.browser.close();
  state.browser = null;
  const dirs = [...homes.map((h) => h.dir), chromiumProfile];
  assert.deepEqual(findSecret(dirs, demo.secret), []);
  assert.ok(state.bundle, 'the walk exported no bundle');
  assert.ok(fs.statSync(state.bundle).size > 0, `${state.bundle} is empty`);
});

registerSupportLeakTest({ test, state, chromiumProfile });

// ---- main ------------------------------------------------------------------

// Programs the tests start. Without one the run is skipped, unless
// UKGLINK_REQUIRE_COMPONENTS=1 makes that a failure.
const components = ['/usr/bin/chromium', 'xvfb-run', 'dbus-run-session', 'gnome-keyring-daemon', 'go'];

function missingComponents() {
  return components.filter((program) => {
    try {
      execFileSync('sh', ['-c', 'command -v "$0"', program], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

const missing = missingComponents();
if (missing.length > 0 && process.env.UKGLINK_REQUIRE_COMPONENTS !== '1') {
  console.log(`skipped: ${missing.join(', ')} not found; set UKGLINK_REQUIRE_COMPONENTS=1 to fail instead`);
  fs.rmSync(tmpRoot, { recursive: true, force: true });
  console.log(`0 passed, 0 failed, ${tests.length} skipped`);
  process.exit(0);
}
if (missing.length > 0) {
  tests.unshift({ name: 'required programs', needs: [], timeoutMs: 1000, fn: async () => assert.deepEqual(missing, []) });
  tests[1].needs.push('required programs');
}

const { passed, failed } = await runAll();
if (state.browser) await state.browser.close().catch(() => undefined);
if (failed === 0 && process.env.UKGLINK_E2E_KEEP !== '1') {
  fs.rmSync(tmpRoot, { recursive: true, force: true });
} else {
  console.log(`temporary folders kept in ${tmpRoot}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
