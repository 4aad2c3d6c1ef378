// Drives the production build's real WebKitGTK window under Xvfb with
// xdotool, as far as the keyboard alone gets, and takes screenshots with
// ImageMagick's import of each of the nine screens, the verified result and
// the native save dialog. Each stage is checked through the files the app
// writes, which are the saved draft, the keychain flag and the exported
// bundle. The export goes through GTK's save dialog, because a production
// build reads no test hooks, and typing the name without ".age" a second
// time must ask before replacing the bundle. At the end the demo secret,
// typed into the real window, must be in no file under the private HOME,
// XDG and TMPDIR folders (WebKit's caches and storage included) and not in
// the app's output. Prints "N passed, N failed" last.
//
// Usage: node frontend/e2e/window-shots.mjs [--build]
// Runs build/bin/ukglink as built, and builds it first only when it is
// missing or --build is given. Writes build/screenshots/window-*.png, or
// into UKGLINK_E2E_SCREENSHOT_DIR.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appEnv, frontendDir, makeHome, projectRoot, sleep, spawnDesktop, stopGroup, tail } from './app.mjs';
import { findSecret } from './leaks.mjs';

const demoSecret = 'demo-secret-not-for-ukg';
const draftName = 'window-walk';
const binary = path.join(projectRoot, 'build', 'bin', 'ukglink');
const screenshotDir = path.resolve(
  projectRoot,
  process.env.UKGLINK_E2E_SCREENSHOT_DIR || path.join('build', 'screenshots'),
);
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ukglink-window-'));
const home = makeHome(path.join(tmpRoot, 'home'));
const displayFile = path.join(tmpRoot, 'display');

let xenv = null;
let windowId = '';

/** Runs an X11 tool (xdotool, import, identify) on the app's display. */
function runX(command, ...args) {
  return execFileSync(command, args, { env: xenv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Presses keys one at a time, giving the page time to react to each. */
async function keys(...names) {
  for (const name of names) {
    runX('xdotool', 'key', name);
    await sleep(250);
  }
}

async function type(text) {
  runX('xdotool', 'type', '--delay', '15', text);
  await sleep(300);
}

/** Waits for the page to settle, then saves a screenshot of window (the app's by default). */
async function shoot(name, window = windowId) {
  await sleep(400);
  const file = path.join(screenshotDir, `${name}.png`);
  runX('import', '-window', window, file);
  const colors = Number(runX('identify', '-format', '%k', file));
  assert.ok(colors > 100, `${file} has only ${colors} colours: the window looks blank`);
}

/** Waits for a window other than the app's whose title is title, and returns its id. */
function dialogWindow(title) {
  const ids = runX('timeout', '20', 'xdotool', 'search', '--sync', '--name', `^${title}$`).split('\n');
  const dialog = ids.find((id) => id !== windowId);
  assert.ok(dialog, `no window "${title}" besides the app's`);
  return dialog;
}

/** Waits until no window is titled title any more. */
async function dialogClosed(title, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      runX('xdotool', 'search', '--name', `^${title}$`);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`the window "${title}" is still open`);
    await sleep(150);
  }
}

function draft() {
  const file = path.join(home.env.XDG_CONFIG_HOME, 'ukglink', 'profiles', `${draftName}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

/** Polls until check(draft) is true, failing with what the draft holds. */
async function draftShows(expected, check, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const d = draft();
    if (d && check(d)) return;
    await sleep(150);
  }
  const d = draft();
  throw new Error(`the draft does not show ${expected}: step ${d?.step}, profile ${JSON.stringify(d?.profile)}`);
}

// The title ExportBundle gives the save dialog.
const saveTitle = 'Save the sealed bundle';
// The save dialog opens in the Documents folder when there is one.
const documents = path.join(home.env.HOME, 'Documents');
fs.mkdirSync(documents);
const bundleBase = path.join(documents, draftName);

async function waitForFile(file, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file) || fs.statSync(file).size === 0) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

// Stages run in order and stop at the first failure, so the output shows
// how far the keyboard gets in the real window.
const stages = [
  ['window shows the first screen', async () => {
    await waitForFile(displayFile, 20_000);
    const [display, xauthority] = fs.readFileSync(displayFile, 'utf8').split('\n');
    xenv = { PATH: process.env.PATH, DISPLAY: display, XAUTHORITY: xauthority };
    windowId = runX('timeout', '20', 'xdotool', 'search', '--sync', '--name', '^UKG Link Assistant$').split('\n')[0];
    const log = path.join(home.env.XDG_STATE_HOME, 'ukglink', 'ukglink.log');
    const deadline = Date.now() + 20_000;
    while (!(fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('first screen ready'))) {
      if (Date.now() > deadline) throw new Error('the window never reported its first screen ready');
      await sleep(100);
    }
    await sleep(500);
    runX('xdotool', 'windowfocus', windowId);
    await shoot('window-01-start');
  }],
  ['Tab and typing name the draft, Return starts it', async () => {
    await keys('Tab', 'Tab', 'ctrl+a');
    await type(draftName);
    await keys('Return');
    await draftShows('the admin step', (d) => d.step === 'admin');
  }],
  ['Space ticks the admin box', async () => {
    await keys('Tab', 'space');
    await shoot('window-02-admin');
    await keys('Return');
    await draftShows('the scopes step', (d) => d.step === 'scopes');
  }],
  ['Tab reaches Next on the scopes step', async () => {
    await shoot('window-03-scopes');
    // The two group copy buttons, the exact names, Back, then Next.
    await keys('Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Return');
    await draftShows('the subdomain step', (d) => d.step === 'subdomain');
  }],
  ['typed web-service URL gives the subdomain', async () => {
    await keys('Tab');
    await type('http://Servicet.ultipro.com/services/BIDataService');
    await shoot('window-04-subdomain');
    await keys('Return');
    await draftShows('subdomain servicet', (d) => d.step === 'account_type' && d.profile.subdomain === 'servicet');
  }],
  ['arrow keys choose the account type', async () => {
    await keys('Tab', 'Down');
    await shoot('window-05-account-type');
    await keys('Return');
    await draftShows('account type test', (d) => d.step === 'tenant' && d.profile.account_type === 'test');
  }],
  ['typed tenant address gives the tenant', async () => {
    await keys('Tab');
    await type('https://rec-demo-b.ultipro.com/USG1008IT124S/Dashboard');
    await shoot('window-06-tenant');
    await keys('Return');
    await draftShows('tenant USG1008IT124S', (d) => d.step === 'credentials' && d.profile.tenant === 'USG1008IT124S');
  }],
  ['typed secret goes to the keychain', async () => {
    await keys('Tab');
    await type('ukglink-demo-client');
    await keys('Tab');
    await type(demoSecret);
    // Show secret, the keychain choice, then the save button.
    await keys('Tab', 'Tab', 'Tab', 'Return');
    await draftShows('a saved secret', (d) => d.secret_stored === true);
    await shoot('window-07-credentials');
  }],
  ['Return in the client ID goes to Verify', async () => {
    await keys('shift+Tab', 'shift+Tab', 'shift+Tab', 'shift+Tab', 'Return');
    await draftShows('the verify step', (d) => d.step === 'verify' && d.profile.client_id === 'ukglink-demo-client');
  }],
  ['Verify now passes against the simulator', async () => {
    await shoot('window-08-verify');
    await keys('Tab', 'Return');
    await draftShows('a verified report', (d) => d.last_report?.status === 'verified', 20_000);
    await shoot('window-08-verify-result');
  }],
  ['Tab reaches Next after verifying, the save dialog opens', async () => {
    await keys('Tab', 'Tab', 'Return');
    await draftShows('the export step', (d) => d.step === 'export');
    await shoot('window-09-export');
    // Tab passes the choice of who can open the file (the product's key is
    // selected), then reaches the save button.
    await keys('Tab', 'Tab', 'Return');
    await shoot('window-09-save-dialog', dialogWindow(saveTitle));
  }],
  ['a name typed into the save dialog saves in Documents', async () => {
    // The name without ".age", which the app adds.
    await keys('ctrl+a');
    await type(draftName);
    await keys('Return');
    await dialogClosed(saveTitle);
    await waitForFile(`${bundleBase}.age`, 10_000);
    await shoot('window-09-export-saved');
  }],
  ['the same name again asks before replacing, Escape keeps the file', async () => {
    const before = fs.readFileSync(`${bundleBase}.age`);
    await keys('Return');
    dialogWindow(saveTitle);
    await keys('ctrl+a');
    await type(draftName);
    await keys('Return');
    // The file chooser closes and the question opens under the same title.
    await sleep(1000);
    await shoot('window-09-replace-question', dialogWindow(saveTitle));
    await keys('Escape');
    await dialogClosed(saveTitle);
    await sleep(500);
    assert.ok(fs.readFileSync(`${bundleBase}.age`).equals(before), 'the bundle was replaced after Escape');
    assert.deepEqual(fs.readdirSync(documents), [`${draftName}.age`]);
  }],
];

function buildBinary() {
  if (fs.existsSync(binary) && !process.argv.includes('--build')) return;
  if (!fs.existsSync(path.join(frontendDir, 'dist', 'index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: frontendDir, stdio: 'inherit' });
  }
  execFileSync('go', ['build', '-tags', 'desktop,production,webkit2_41', '-o', binary, '.'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
}

async function main() {
  fs.mkdirSync(screenshotDir, { recursive: true });
  buildBinary();
  const script = 'printf "%s\\n%s\\n" "$DISPLAY" "$XAUTHORITY" > "$0"; exec "$@"';
  const app = spawnDesktop(home, 'window', 'bash', ['-c', script, displayFile, binary], appEnv(home));
  let passed = 0;
  let failed = 0;
  try {
    for (const [name, run] of stages) {
      try {
        await run();
        passed++;
        console.log(`ok    ${name}`);
      } catch (err) {
        failed++;
        console.log(`FAIL  ${name}\n      ${err.message}\n--- app stderr ---\n${tail(app.stderrPath)}`);
        break;
      }
    }
  } finally {
    await stopGroup(app);
  }
  const skipped = stages.length - passed - failed;
  if (skipped > 0) console.log(`      ${skipped} later stages were not tried`);
  failed += skipped;

  const hits = findSecret([home.dir], demoSecret);
  if (hits.length === 0) {
    passed++;
    console.log('ok    secret typed into the window is in no file and no output');
  } else {
    failed++;
    console.log(`FAIL  secret found in:\n      ${hits.join('\n      ')}`);
  }
  return { passed, failed };
}

const { passed, failed } = await main();
if (failed === 0 && process.env.UKGLINK_E2E_KEEP !== '1') fs.rmSync(tmpRoot, { recursive: true, force: true });
else console.log(`temporary folders kept in ${tmpRoot}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
