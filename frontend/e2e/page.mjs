// Helpers that drive the wizard in Chromium the way an admin does: Tab and
// the keyboard, real clipboard pastes, and clicks on visible controls.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';

export const stepCount = 9;

/** Waits until text is visible somewhere on the page. */
export async function seeText(page, text, timeout = 10_000) {
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout });
}

/** Returns the visible text of the first element matching selector. */
export async function textOf(page, selector) {
  return (await page.locator(selector).first().innerText()).trim();
}

/**
 * Waits for step number (1-based) with heading, and checks that keyboard
 * focus moved to focused: the heading after a step change, or the input of
 * the field that "Go to" opened.
 */
export async function onStep(page, number, heading, focused = 'h2.step-heading') {
  const h2 = page.locator('h2.step-heading');
  await h2.filter({ hasText: heading }).waitFor({ timeout: 10_000 });
  assert.equal(await textOf(page, '.step-counter'), `Step ${number} of ${stepCount}`);
  await page
    .waitForFunction((s) => document.activeElement?.matches(s), focused, { timeout: 5000 })
    .catch(async () => {
      const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
      throw new Error(`on "${heading}" focus is on ${active}, not ${focused}`);
    });
}

/** Waits until fn(arg) is true in the page, failing with message. */
export async function waitUntil(page, message, fn, arg) {
  try {
    await page.waitForFunction(fn, arg, { timeout: 10_000 });
  } catch (err) {
    throw new Error(`${message} (${err.message.split('\n')[0]})`);
  }
}

/** Checks that keyboard focus is on the button named name. */
/** Picks a simulator scenario in the demo banner and waits for it to apply. */
export async function chooseScenario(page, name) {
  await page.locator('#demo-scenario').selectOption(name);
  await waitUntil(
    page,
    `the scenario did not change to ${name}`,
    (n) => document.querySelector('#demo-scenario')?.value === n,
    name,
  );
}

export async function focusOnButton(page, name) {
  await waitUntil(
    page,
    `keyboard focus is not on the button "${name}"`,
    (n) => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent?.trim() === n,
    name,
  );
}

/** Presses Tab until selector has focus, failing after max presses. */
export async function tabTo(page, selector, max = 25) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} got no focus after ${max} Tab presses`);
}

/** Puts text on the clipboard and pastes it into selector with Ctrl+V. */
export async function paste(page, selector, text) {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.locator(selector).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

export async function clickButton(page, name) {
  await page.getByRole('button', { name, exact: true }).click();
}

export async function next(page) {
  await clickButton(page, 'Next');
}

/** Takes a full-page screenshot of the current screen into dir. */
export async function screenshot(page, dir, name, shots) {
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  shots.push(file);
}

/**
 * Runs axe on the current screen in the light and the dark theme and records
 * the serious and critical violations under name. Leaves the light theme on.
 */
export async function audit(page, name, audits) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
    const results = await new AxeBuilder({ page }).analyze();
    const serious = (v) => v.impact === 'serious' || v.impact === 'critical';
    audits.push({
      screen: name,
      colorScheme,
      violations: results.violations.filter(serious),
      minor: results.violations.filter((v) => !serious(v)).map((v) => `${v.impact} ${v.id}`),
    });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Formats axe violations for a failure message. */
export function describeViolations(audits) {
  const lines = [];
  for (const { screen, colorScheme, violations } of audits) {
    for (const v of violations) {
      lines.push(`${screen} (${colorScheme}): ${v.impact} ${v.id}: ${v.help}`);
      for (const node of v.nodes.slice(0, 5)) {
        lines.push(`    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`);
      }
    }
  }
  return lines.join('\n');
}

/** Checks that file is a PNG of at least width x height pixels. */
export function checkPng(file, minWidth, minHeight) {
  const data = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(data.subarray(0, 8).equals(signature), `${file} is not a PNG`);
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  assert.ok(width >= minWidth, `${file} is ${width} pixels wide, expected at least ${minWidth}`);
  assert.ok(height >= minHeight, `${file} is ${height} pixels high, expected at least ${minHeight}`);
}
