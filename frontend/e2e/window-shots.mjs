// Drives the production build's real WebKitGTK window under Xvfb with
// xdotool, as far as the keyboard alone gets, and takes screenshots of the
// window with ImageMagick's import. Each stage is checked through the files
// the app writes: the saved draft, the keychain flag, the exported bundle.
// At the end the demo secret, typed into the real window, must be in no file
// under the private HOME and XDG folders (WebKit's caches and storage
// included) and not in the app's output. Prints "N passed, N failed" last.
//
// Builds build/bin/ukglink first. Writes docs/screenshots/window-*.png, or
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
  process.env.UKGLINK_E2E_SCREENSHOT_DIR || path.join('docs', 'screenshots'),
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

function shoot(name) {
  const file = path.join(screenshotDir, `${name}.png`);
  runX('import', '-window', windowId, file);
  const colors = Number(runX('identify', '-format', '%k', file));
  assert.ok(colors > 100, `${file} has only ${colors} colours: the window looks blank`);
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
    shoot('window-start');
  }],
  ['Tab and typing name the draft, Return starts it', async () => {
    await keys('Tab', 'Tab', 'ctrl+a');
    await type(draftName);
    await keys('Return');
    await draftShows('the admin step', (d) => d.step === 'admin');
  }],
  ['Space ticks the admin box', async () => {
    await keys('Tab', 'space', 'Return');
    await draftShows('the scopes step', (d) => d.step === 'scopes');
  }],
  ['Tab reaches Next on the scopes step', async () => {
    await keys('Tab', 'Tab', 'Tab', 'Return');
    await draftShows('the subdomain step', (d) => d.step === 'subdomain');
  }],
  ['typed web-service URL gives the subdomain', async () => {
    await keys('Tab');
    await type('http://Servicet.ultipro.com/services/BIDataService');
    await keys('Return');
    await draftShows('subdomain servicet', (d) => d.step === 'account_type' && d.profile.subdomain === 'servicet');
  }],
  ['arrow keys choose the account type', async () => {
    await keys('Tab', 'Down', 'Return');
    await draftShows('account type test', (d) => d.step === 'tenant' && d.profile.account_type === 'test');
  }],
  ['typed tenant address gives the tenant', async () => {
    await keys('Tab');
    await type('https://rec-demo-b.ultipro.com/USG1008IT124S/Dashboard');
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
    shoot('window-credentials');
  }],
  ['Return in the client ID goes to Verify', async () => {
    await keys('shift+Tab', 'shift+Tab', 'shift+Tab', 'shift+Tab', 'Return');
    await draftShows('the verify step', (d) => d.step === 'verify' && d.profile.client_id === 'ukglink-demo-client');
  }],
  ['Verify now passes against the simulator', async () => {
    await keys('Tab', 'Return');
    await draftShows('a verified report', (d) => d.last_report?.status === 'verified', 20_000);
    await sleep(500);
    shoot('window-verify');
  }],
  ['Tab reaches Next after verifying, export writes the file', async () => {
    await keys('Tab', 'Tab', 'Return');
    await draftShows('the export step', (d) => d.step === 'export');
    await keys('Tab', 'Return');
    const deadline = Date.now() + 10_000;
    while (fs.readdirSync(home.exportDir).length === 0) {
      if (Date.now() > deadline) throw new Error(`no bundle appeared in ${home.exportDir}`);
      await sleep(100);
    }
    await sleep(500);
    shoot('window-export');
  }],
];

function buildBinary() {
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
