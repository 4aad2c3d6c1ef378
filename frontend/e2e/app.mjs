// Starts UKG Link Assistant for end-to-end tests: each instance gets its own
// HOME and XDG folders, a D-Bus session with an unlocked gnome-keyring, and
// an Xvfb display, and runs in its own process group so that stopping it
// ends every process it started.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const frontendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const projectRoot = path.resolve(frontendDir, '..');

// Password of the throw-away login keyring that each instance creates.
const keyringPassword = 'e2e-keyring';

// Process groups still running, ended on exit whatever happens.
const runningGroups = new Set();
process.on('exit', () => {
  for (const pgid of runningGroups) killGroup(pgid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => process.exit(128 + os.constants.signals[signal]));
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates the folders of one private environment under dir and returns them
 * with the environment variables that point at them. TMPDIR is among them,
 * so that the leak check also scans the temporary files of the app, WebKit
 * and GTK.
 */
export function makeHome(dir) {
  const folders = {
    HOME: 'home',
    XDG_CONFIG_HOME: 'config',
    XDG_DATA_HOME: 'data',
    XDG_STATE_HOME: 'state',
    XDG_CACHE_HOME: 'cache',
    XDG_RUNTIME_DIR: 'runtime',
    TMPDIR: 'tmp',
  };
  const env = {};
  for (const [name, folder] of Object.entries(folders)) {
    env[name] = path.join(dir, folder);
    fs.mkdirSync(env[name], { recursive: true, mode: 0o700 });
  }
  const exportDir = path.join(dir, 'export');
  fs.mkdirSync(exportDir, { recursive: true });
  return { dir, env, exportDir };
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Returns the environment the app runs with: nothing inherited but PATH.
 * The test hooks take effect in the development build only. There, exports
 * skip the save dialog, and a verification gives up on a silent host after
 * five seconds instead of twenty.
 */
export function appEnv(home, extra = {}) {
  return {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    ...home.env,
    UKGLINK_DEMO: '1',
    UKGLINK_TEST_EXPORT_DIR: home.exportDir,
    UKGLINK_TEST_CONNECT_TIMEOUT: '5s',
    ...extra,
  };
}

/**
 * Runs command with args inside dbus-run-session, with gnome-keyring
 * unlocked, under xvfb-run, in a new process group. stdout and stderr go to
 * files under home.dir named after label. With keychain false no keyring
 * starts and the session bus address names a missing socket, so that the
 * keychain is unavailable as on a desktop without a Secret Service.
 */
export function spawnDesktop(home, label, command, args, env, { keychain = true } = {}) {
  const keyring = keychain
    ? `echo -n ${keyringPassword} | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 97\n`
    : `export DBUS_SESSION_BUS_ADDRESS=unix:path=${path.join(home.dir, 'no-session-bus')}\n`;
  const script = keyring + 'exec xvfb-run -a -s "-screen 0 1280x900x24" "$@"';
  const stdoutPath = path.join(home.dir, `${label}.stdout`);
  const stderrPath = path.join(home.dir, `${label}.stderr`);
  const child = spawn('dbus-run-session', ['--', 'bash', '-c', script, 'desktop', command, ...args], {
    cwd: projectRoot,
    env,
    detached: true,
    stdio: ['ignore', fs.openSync(stdoutPath, 'w'), fs.openSync(stderrPath, 'w')],
  });
  runningGroups.add(child.pid);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, pgid: child.pid, exited, stdoutPath, stderrPath };
}

/**
 * Ends the process group of a spawned instance: TERM, then KILL after 3 s.
 * Waits at most 2 s more for the group to vanish, because orphaned members
 * stay visible as zombies where nothing reaps them.
 */
export async function stopGroup(instance) {
  const { pgid } = instance;
  if (!runningGroups.has(pgid)) return;
  killGroup(pgid, 'SIGTERM');
  await waitForGroupExit(pgid, 3000);
  killGroup(pgid, 'SIGKILL');
  await waitForGroupExit(pgid, 2000);
  runningGroups.delete(pgid);
  await Promise.race([instance.exited, sleep(2000)]);
}

async function waitForGroupExit(pgid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && killGroup(pgid, 0)) await sleep(50);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Returns the last lines of a file, for error messages. */
export function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts the development binary with its dev server on a free port and
 * waits until the page is served. Returns the instance with its url.
 * options go to spawnDesktop.
 */
export async function startDevApp(binary, home, label, options = {}) {
  const port = await freePort();
  const args = ['-devserver', `127.0.0.1:${port}`, '-assetdir', path.join(frontendDir, 'dist')];
  const instance = spawnDesktop(home, label, binary, args, appEnv(home), options);
  instance.url = `http://127.0.0.1:${port}/`;
  try {
    await waitForPage(instance, 30_000);
  } catch (err) {
    await stopGroup(instance);
    throw new Error(`${err.message}\n--- ${label} stderr ---\n${tail(instance.stderrPath)}`);
  }
  return instance;
}

async function waitForPage(instance, timeoutMs) {
  let ended = null;
  void instance.exited.then((status) => (ended = status));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ended) throw new Error(`the app exited before serving ${instance.url}: ${JSON.stringify(ended)}`);
    try {
      const response = await fetch(instance.url);
      if (response.ok && (await response.text()).includes('/wails/ipc.js')) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`the app did not serve ${instance.url} within ${timeoutMs / 1000} s`);
}
