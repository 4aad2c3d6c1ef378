import type {
  Api,
  Draft,
  DraftInput,
  ExportResult,
  FieldName,
  Report,
  Result,
  SecretResult,
  StartInfo,
  TextResult,
  VerifyEvent,
} from './api';
import { FieldModel } from './field.svelte';
import { linkNameProblem } from './linkName';
import { showUkgHosts } from './report';
import { fieldLabels, fieldSteps, isStepId, steps, type StepId } from './steps';
import { format, m } from '../i18n';

/** Why Next is not available, and the field to focus when it is pressed. */
export interface Blocker {
  message: string;
  field?: FieldName;
}

/** How a verification ended, for its icon, colour and words. */
export type Outcome = 'verified' | 'failed' | 'cancelled' | 'timed_out';

/** Status a check shows in the progress list. */
export type ProgressStatus = VerifyEvent['status'] | 'cancelled' | 'timed_out';

/** One check in the progress list, with a short message. */
export interface ProgressItem {
  check: string;
  status: ProgressStatus;
  message?: string;
}

/** Result codes of keychain failures that "Don't save, ask me next time" avoids. */
export const keychainFailureCodes: readonly string[] = [
  'keychain_unavailable',
  'keychain_denied',
  'keychain_locked',
  'keychain_timeout',
  'keychain_error',
  'secret_too_big',
];

/** Result codes of keychain failures that trying again can fix. */
export const retryableKeychainCodes: readonly string[] = [
  'keychain_denied',
  'keychain_locked',
  'keychain_timeout',
];

export interface Verification {
  running: boolean;
  cancelling: boolean;
  progress: ProgressItem[];
  result: Result | null;
  report: Report | null;
  /** Snapshot of the values the report is for; a change makes it stale. */
  valuesKey: string;
}

const idleVerification = (): Verification => ({
  running: false,
  cancelling: false,
  progress: [],
  result: null,
  report: null,
  valuesKey: '',
});

/** Returns how a verification call ended. */
export function outcomeOf(result: Result, report: Report | null): Outcome {
  if (result.status === 'cancelled' || report?.status === 'cancelled') return 'cancelled';
  if (result.status === 'timed_out') return 'timed_out';
  if (report?.problems.some((p) => p.code === 'timeout')) return 'timed_out';
  if (result.status === 'ok' && (report === null || report.status === 'verified')) {
    return 'verified';
  }
  return 'failed';
}

/** State and navigation of the linking wizard. Every step change saves the draft. */
export class Wizard {
  readonly api: Api;
  info = $state<StartInfo | null>(null);
  step = $state<StepId>('start');
  name = $state('');
  ats = $state('');
  draftOpen = $state(false);
  /** The draft was loaded from disk rather than started in this session. */
  resumed = $state(false);
  adminConfirmed = $state(false);
  accountType = $state('');
  advancedOpen = $state(false);
  /** Domain of the last web-service address pasted as a whole host. */
  pastedDomain = $state('');
  remember = $state(true);
  secret = $state<SecretResult | null>(null);
  secretError = $state<Result | null>(null);
  storing = $state(false);
  secretVersion = $state(0);
  supportText = $state<TextResult | null>(null);
  /** Tenant that supportText was made for. */
  private supportTenant = '';
  waitingForCredentials = $state(false);
  verification = $state<Verification>(idleVerification());
  skipReason = $state('');
  skipping = $state(false);
  exportResult = $state<ExportResult | null>(null);
  exporting = $state(false);
  /** The clipboard was emptied after the secret was pasted from it. */
  clipboardCleared = $state(false);
  // Counters of the keychain save and export calls. A call whose number is
  // no longer current was cancelled in the window while Go went on with it.
  #storeCall = 0;
  #exportCall = 0;
  saveError = $state<Result | null>(null);
  actionError = $state<Result | null>(null);
  focusRequest = $state<FieldName | 'heading' | null>(null);
  announcement = $state('');

  readonly subdomain: FieldModel;
  readonly identityHost: FieldModel;
  readonly tenant: FieldModel;
  readonly clientId: FieldModel;
  readonly clientSecret: FieldModel;

  constructor(api: Api) {
    this.api = api;
    this.subdomain = new FieldModel('subdomain', api);
    this.identityHost = new FieldModel('identity_host', api, true);
    this.tenant = new FieldModel('tenant', api);
    this.clientId = new FieldModel('client_id', api);
    this.clientSecret = new FieldModel('client_secret', api);
  }

  get stepIndex(): number {
    return steps.indexOf(this.step);
  }

  get secretReady(): boolean {
    return this.secret !== null && (this.secret.stored || this.secret.in_session);
  }

  /** Key of the values a verification depends on. */
  get valuesKey(): string {
    return JSON.stringify([
      this.subdomain.keptValue(),
      this.accountType,
      this.identityHost.keptValue(),
      this.tenant.keptValue(),
      this.clientId.keptValue(),
      this.secretVersion,
    ]);
  }

  /** Outcome of the verification for the current values, or null if none. */
  get outcome(): Outcome | null {
    const v = this.verification;
    if (v.running || v.result === null || v.valuesKey !== this.valuesKey) return null;
    return outcomeOf(v.result, v.report);
  }

  get skipped(): boolean {
    return this.skipping && this.skipReason.trim() !== '';
  }

  /** Problem with the typed link name, as a sentence for the admin, or null. */
  get nameProblem(): string | null {
    const taken = this.info?.drafts.map((d) => d.name) ?? [];
    return linkNameProblem(this.name.trim(), taken);
  }

  /**
   * The secret is in the keychain but not yet read in this session, so the
   * next verification or export reads it and the system may show a prompt.
   */
  get keychainReadPending(): boolean {
    return this.secret !== null && this.secret.stored && !this.secret.in_session;
  }

  /** Returns why the bundle cannot be exported yet, or null. */
  exportBlocker(): Blocker | null {
    return this.verifyBlocker() === null ? null : { message: m.exportBlocked };
  }

  /**
   * Loads what the first screen needs. started is a Start call already under
   * way, whose round trip to Go then overlaps the first render. Without it,
   * load makes the call itself.
   */
  async load(started?: Promise<StartInfo>): Promise<void> {
    this.info = await (started ?? this.api.start());
    if (this.name === '') this.name = defaultName(this.info);
    const available = this.info.ats_options.filter((o) => o.available);
    if (this.ats === '' && available.length === 1) this.ats = available[0].id;
    this.focusRequest = 'heading';
  }

  /** Returns why the admin cannot leave step forwards, or null. */
  blocker(step: StepId = this.step): Blocker | null {
    switch (step) {
      case 'start':
        if (this.draftOpen) return null;
        if (this.ats === '') return { message: m.blockedAts };
        if (this.name.trim() === '') return { message: m.blockedName };
        if (this.nameProblem !== null) {
          return { message: format(m.blockedInvalid, { field: m.startNameLabel.toLowerCase() }) };
        }
        return null;
      case 'admin':
        return this.adminConfirmed ? null : { message: m.blockedAdmin };
      case 'scopes':
        return null;
      case 'subdomain':
        return fieldBlocker(this.subdomain);
      case 'account_type':
        if (this.accountType === '') return { message: m.blockedAccountType, field: 'account_type' };
        return fieldBlocker(this.identityHost);
      case 'tenant':
        return fieldBlocker(this.tenant);
      case 'credentials':
        return fieldBlocker(this.clientId) ?? this.secretBlocker();
      case 'verify':
        return this.verifyBlocker();
      case 'export':
        return null;
    }
  }

  private secretBlocker(): Blocker | null {
    return this.secretReady ? null : { message: m.blockedSecret, field: 'client_secret' };
  }

  private verifyBlocker(): Blocker | null {
    if (this.outcome === 'verified') return null;
    if (this.skipping && !this.skipped) return { message: m.blockedSkipReason };
    return this.skipped ? null : { message: m.blockedVerify };
  }

  /** Index of the first step that is not complete: steps up to it may be opened. */
  get furthestIndex(): number {
    const open = steps.findIndex((step) => this.blocker(step) !== null);
    return open === -1 ? steps.length - 1 : open;
  }

  /** Moves to the next step, or announces and focuses what is in the way. */
  async next(): Promise<void> {
    await this.settleStep();
    const blocker = this.blocker();
    if (blocker) {
      this.announcement = `${m.nextBlockedPrefix} ${blocker.message}`;
      this.focusRequest = blocker.field ?? null;
      return;
    }
    if (this.step === 'start' && !this.draftOpen && !(await this.createDraft())) return;
    await this.goTo(steps[this.stepIndex + 1] ?? this.step);
  }

  async back(): Promise<void> {
    if (this.stepIndex > 0) await this.goTo(steps[this.stepIndex - 1]);
  }

  /** Opens step, keeping every value, and saves the draft. */
  async goTo(step: StepId, field?: FieldName): Promise<void> {
    await this.commitFields();
    if (field === 'identity_host') this.advancedOpen = true;
    this.step = step;
    this.announcement = stepHeading(step);
    this.focusRequest = field ?? 'heading';
    if (step === 'credentials' || step === 'verify' || step === 'export') await this.refreshSecretStatus();
    await this.saveDraft();
  }

  /** Opens the step of field and focuses its input. */
  goToField(field: FieldName): Promise<void> {
    return this.goTo(fieldSteps[field], field);
  }

  private async settleStep(): Promise<void> {
    await Promise.all(this.stepFields().map((f) => f.settle()));
  }

  private stepFields(): FieldModel[] {
    switch (this.step) {
      case 'subdomain':
        return [this.subdomain];
      case 'account_type':
        return [this.identityHost];
      case 'tenant':
        return [this.tenant];
      case 'credentials':
        return [this.clientId];
      default:
        return [];
    }
  }

  private async commitFields(): Promise<void> {
    const fields = [this.subdomain, this.identityHost, this.tenant, this.clientId];
    await Promise.all(fields.map((f) => f.commit()));
  }

  draftInput(): DraftInput {
    return {
      name: this.name,
      step: this.step,
      subdomain: this.subdomain.keptValue(),
      account_type: this.accountType,
      identity_host: this.identityHost.keptValue(),
      tenant: this.tenant.keptValue(),
      client_id: this.clientId.keptValue(),
      ask_each_time: !this.remember,
      skip_verify: this.skipping,
      skip_reason: this.skipReason.trim(),
    };
  }

  async saveDraft(): Promise<void> {
    if (!this.draftOpen) return;
    const saved = await this.api.saveDraft(this.draftInput());
    this.saveError = saved.result.status === 'ok' ? null : saved.result;
  }

  private async createDraft(): Promise<boolean> {
    const created = await this.api.newDraft(this.name.trim());
    if (created.result.status !== 'ok') {
      this.actionError = created.result;
      this.announcement = created.result.message ?? m.saveFailed;
      return false;
    }
    this.actionError = null;
    this.name = created.draft?.name || this.name.trim();
    this.draftOpen = true;
    return true;
  }

  /**
   * Loads a saved draft and opens it at the step where it was left, or at
   * the first step before it that is not complete. So a draft left at Export
   * whose verification failed, with no reason to skip it, opens at Verify.
   */
  async resume(name: string): Promise<void> {
    const loaded = await this.api.loadDraft(name);
    if (loaded.result.status !== 'ok' || loaded.draft === null) {
      this.actionError = loaded.result;
      return;
    }
    this.actionError = null;
    await this.applyDraft(loaded.draft);
    await this.refreshSecretStatus();
    const saved = isStepId(loaded.draft.step) ? loaded.draft.step : 'admin';
    const index = Math.min(steps.indexOf(saved === 'start' ? 'admin' : saved), this.furthestIndex);
    await this.goTo(steps[Math.max(index, 1)]);
  }

  private async applyDraft(draft: Draft): Promise<void> {
    const p = draft;
    this.name = p.name;
    this.draftOpen = true;
    this.resumed = true;
    this.ats = this.ats || (this.info?.ats_options.find((o) => o.available)?.id ?? '');
    this.adminConfirmed = true;
    this.accountType = p.account_type;
    this.remember = !draft.ask_each_time;
    this.advancedOpen = p.identity_host !== '';
    await Promise.all([
      this.subdomain.prefill(p.subdomain),
      this.identityHost.prefill(p.identity_host),
      this.tenant.prefill(p.tenant),
      this.clientId.prefill(p.client_id),
    ]);
    this.skipping = draft.skip_verify;
    this.skipReason = draft.skip_reason;
    this.verification = idleVerification();
    if (draft.last_report) {
      const status = draft.last_report.status === 'verified' ? 'ok' : 'failed';
      this.verification.result = { status };
      this.verification.report = draft.last_report;
      this.verification.valuesKey = this.valuesKey;
    }
  }

  /** Fills the fields with the values the demo simulator accepts. */
  fillDemoValues(): void {
    const demo = this.info?.demo_values;
    if (!demo) return;
    this.subdomain.update(demo.subdomain);
    this.tenant.update(demo.tenant);
    this.clientId.update(demo.client_id);
    this.clientSecret.update(demo.client_secret);
    if (this.accountType === '') this.accountType = this.info?.account_types[0]?.id ?? '';
  }

  async deleteDraft(name: string): Promise<void> {
    const result = await this.api.deleteDraft(name);
    if (result.status !== 'ok') {
      this.actionError = result;
      return;
    }
    this.actionError = null;
    this.info = await this.api.start();
  }

  async setScenario(name: string): Promise<Result> {
    const result = await this.api.setScenario(name);
    if (result.status === 'ok' && this.info) this.info.scenario = name;
    return result;
  }

  async refreshSecretStatus(): Promise<void> {
    if (!this.draftOpen) return;
    const status = await this.api.secretStatus(this.name);
    this.secret = status.result.status === 'ok' ? status : null;
  }

  /** Hands the typed secret to Go, which trims it and keeps it as chosen. */
  async storeSecret(): Promise<void> {
    await this.clientSecret.settle();
    if (this.clientSecret.empty || this.clientSecret.failed) {
      this.focusRequest = 'client_secret';
      return;
    }
    const call = ++this.#storeCall;
    this.storing = true;
    this.secretError = null;
    const stored = await this.api.storeSecret(this.name, this.clientSecret.input, this.remember);
    if (call !== this.#storeCall) {
      this.lateSecret(stored);
      return;
    }
    this.storing = false;
    if (stored.result.status !== 'ok') {
      this.secretError = stored.result;
      this.announcement = stored.result.message ?? '';
      return;
    }
    this.secret = stored;
    this.secretVersion += 1;
    this.clientSecret.clear();
    this.announcement = secretStatusText(stored);
    await this.saveDraft();
  }

  /** Keeps the secret for this session only, after the keychain failed. */
  async storeSecretForSession(): Promise<void> {
    this.remember = false;
    await this.storeSecret();
  }

  /**
   * Stops waiting for a keychain save. Go cannot interrupt the keychain
   * call, which the keychain package's time limit ends.
   */
  cancelStore(): void {
    if (!this.storing) return;
    this.#storeCall += 1;
    this.storing = false;
    this.secretError = { status: 'cancelled', code: 'cancelled', message: m.secretCancelled };
    this.announcement = m.secretCancelled;
  }

  /** Shows a keychain save that finished after the admin stopped waiting. */
  private lateSecret(stored: SecretResult): void {
    if (this.storing || stored.result.status !== 'ok') return;
    this.secret = stored;
    this.secretVersion += 1;
    this.secretError = null;
    this.announcement = secretStatusText(stored);
  }

  /**
   * Empties the clipboard when it still contains the secret just pasted
   * from it, and shows a note about it. A clipboard that cannot be read is
   * left alone, because it may contain something else by now.
   */
  async clearPastedSecret(pasted: string): Promise<void> {
    this.clipboardCleared = false;
    if (pasted.trim() === '') return;
    const current = await this.api.readClipboard();
    if (current !== pasted) return;
    if (await this.api.clearClipboard()) {
      this.clipboardCleared = true;
      this.announcement = m.secretClipboardCleared;
    }
  }

  /**
   * Loads the request to UKG support, which names the draft's tenant. The
   * draft is saved first, because the step that shows the request opens
   * before the step change has saved the tenant.
   */
  async loadSupportRequest(): Promise<void> {
    const tenant = this.tenant.keptValue();
    if (this.supportText?.result.status === 'ok' && this.supportTenant === tenant) return;
    await this.saveDraft();
    this.supportText = await this.api.supportRequest(this.name);
    this.supportTenant = tenant;
  }

  /** Saves the draft for an admin who is still waiting for UKG's credentials. */
  async waitForCredentials(): Promise<void> {
    await this.commitFields();
    await this.saveDraft();
    await this.loadSupportRequest();
    this.waitingForCredentials = true;
    this.announcement = format(m.noCredentialsSaved, { name: this.name });
  }

  /** Leaves the choice to continue without verifying, and verifies. */
  verifyInstead(): Promise<void> {
    this.skipping = false;
    return this.runVerify();
  }

  async runVerify(): Promise<void> {
    this.skipping = false;
    const key = this.valuesKey;
    this.verification = { ...idleVerification(), running: true, valuesKey: key };
    this.announcement = m.verifyRunning;
    const off = this.api.onVerifyProgress((event) => this.recordProgress(event));
    try {
      const verified = await this.api.verify(this.name);
      this.verification.result = verified.result;
      this.verification.report = verified.report;
    } finally {
      off();
      this.finishProgress(this.verification.report);
      this.verification.running = false;
      this.verification.cancelling = false;
    }
    const outcome = outcomeOf(this.verification.result!, this.verification.report);
    this.endRunningChecks(outcome);
    this.announcement = outcomeText(outcome);
    await this.refreshSecretStatus();
  }

  /**
   * Sets each listed check to its final status and message from the report.
   * Progress events travel apart from the call's result, so the last ones can
   * arrive after the listener is gone and leave a check shown as running.
   * A check that failed shows the short title of its problem, because the
   * problem's whole message follows below the list.
   */
  private finishProgress(report: Report | null): void {
    for (const check of report?.checks ?? []) {
      const status = progressStatus(check.status, check.problem);
      const index = this.verification.progress.findIndex((p) => p.check === check.name);
      if (status === null || index === -1) continue;
      const message = check.problem
        ? problemTitle(report!, check.problem, status)
        : showUkgHosts(check.message ?? '', report, check.name);
      this.verification.progress[index] = { check: check.name, status, message };
    }
  }

  /** Shows checks still listed as running as ended the way the verification did. */
  private endRunningChecks(outcome: Outcome): void {
    if (outcome !== 'cancelled' && outcome !== 'timed_out') return;
    for (const item of this.verification.progress) {
      if (item.status === 'running') item.status = outcome;
    }
  }

  private recordProgress(event: VerifyEvent): void {
    const progress = this.verification.progress;
    // A failed check's message repeats its problem, which the report shows.
    const item: ProgressItem = {
      check: event.check,
      status: event.status === 'failed' && this.verification.cancelling ? 'cancelled' : event.status,
      message: event.status === 'failed' ? '' : event.message,
    };
    const index = progress.findIndex((p) => p.check === event.check);
    if (index === -1) progress.push(item);
    else progress[index] = item;
  }

  async cancelVerify(): Promise<void> {
    this.verification.cancelling = true;
    const result = await this.api.cancelVerify();
    if (result.status === 'failed') this.actionError = result;
  }

  async exportBundle(): Promise<void> {
    const blocker = this.exportBlocker();
    if (blocker) {
      this.exportResult = exportFailure({ status: 'failed', code: 'not_verified', message: blocker.message });
      this.announcement = blocker.message;
      return;
    }
    const call = ++this.#exportCall;
    this.exporting = true;
    const exported = await this.api.exportBundle(
      this.name,
      this.outcome !== 'verified',
      this.outcome === 'verified' ? '' : this.skipReason.trim(),
    );
    await this.refreshSecretStatus();
    // An export the admin stopped waiting for counts only if it saved a file.
    if (call !== this.#exportCall && (this.exporting || exported.result.status !== 'ok')) return;
    this.exporting = false;
    this.exportResult = exported;
    const status = exported.result.status;
    this.announcement =
      status === 'ok' ? m.exportSaved : status === 'cancelled' ? m.exportCancelled : '';
  }

  /**
   * Stops waiting for an export while Go goes on. Reading the keychain ends
   * at its time limit, and a save dialog may still open, whose file counts.
   */
  cancelExport(): void {
    if (!this.exporting) return;
    this.#exportCall += 1;
    this.exporting = false;
    this.exportResult = exportFailure({ status: 'cancelled', code: 'cancelled', message: m.exportCancelled });
    this.announcement = m.exportCancelled;
  }
}

/** Returns the progress status of a check from the report, or null while it runs. */
function progressStatus(status: string, problem: string): ProgressStatus | null {
  if (status === 'ok' || status === 'skipped') return status;
  if (status !== 'failed') return null;
  if (problem === 'cancelled') return 'cancelled';
  if (problem === 'timeout') return 'timed_out';
  return 'failed';
}

/** Returns the title of the report's problem code, or "" for a cancelled check. */
function problemTitle(report: Report, code: string, status: ProgressStatus): string {
  if (status === 'cancelled') return '';
  return report.problems.find((p) => p.code === code)?.title ?? '';
}

function exportFailure(result: Result): ExportResult {
  return { result, path: '', recipient: { key: '', fingerprint: '', label: '' }, upload_hint: '' };
}

/** Returns a draft name that no saved draft uses yet. */
function defaultName(info: StartInfo): string {
  const taken = new Set(info.drafts.map((d) => d.name));
  let name = 'ukg-pro-recruiting';
  for (let n = 2; taken.has(name); n++) name = `ukg-pro-recruiting-${n}`;
  return name;
}

function fieldBlocker(field: FieldModel): Blocker | null {
  const label = fieldLabels[field.field];
  if (field.empty) {
    return field.optional ? null : { message: format(m.blockedEmpty, { field: label }), field: field.field };
  }
  if (field.pending) return { message: format(m.blockedChecking, { field: label }), field: field.field };
  if (field.failed) return { message: format(m.blockedInvalid, { field: label }), field: field.field };
  return null;
}

function stepHeading(step: StepId): string {
  const headings: Record<StepId, string> = {
    start: m.startTitle,
    admin: m.adminTitle,
    scopes: m.scopesTitle,
    subdomain: m.subdomainTitle,
    account_type: m.accountTitle,
    tenant: m.tenantTitle,
    credentials: m.credentialsTitle,
    verify: m.verifyTitle,
    export: m.exportTitle,
  };
  return headings[step];
}

export function outcomeText(outcome: Outcome): string {
  const texts: Record<Outcome, string> = {
    verified: m.verifyVerified,
    failed: m.verifyFailed,
    cancelled: m.verifyCancelled,
    timed_out: m.verifyTimedOut,
  };
  return texts[outcome];
}

export function secretStatusText(status: SecretResult): string {
  // A length of 0 means unknown: SecretStatus does not read the keychain.
  if (status.length === 0) return status.stored ? m.secretStoredNoLength : m.secretInSessionNoLength;
  const template = status.stored ? m.secretStored : m.secretInSession;
  return format(template, { length: status.length });
}
