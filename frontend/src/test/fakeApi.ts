// An in-memory Api for tests. CheckField follows the rules of the Go parsers
// closely enough for the UI: trimming with a note, a URL reduced to its
// first host label or first path segment, white space inside rejected.
import type {
  Api,
  BundleChoice,
  BundleOpenRequest,
  Draft,
  DraftInput,
  FieldName,
  FieldResult,
  Note,
  OpenResult,
  PassphraseExportResult,
  Report,
  Result,
  SecretResult,
  SnapshotResult,
  StartInfo,
  VerifyEvent,
  VerifyResult,
} from '../lib/api';

const ok: Result = { status: 'ok' };

export const accountTypes = [
  {
    id: 'production',
    label: 'Production (ultipro.com)',
    description: 'The live tenant.',
    environment: 'production',
    domain: 'ultipro.com',
    identity_host: 'signin.ultipro.com',
  },
  {
    id: 'canada',
    label: 'Production, Canada (ultipro.ca)',
    description: 'A tenant hosted in Canada.',
    environment: 'production',
    domain: 'ultipro.ca',
    identity_host: 'signin.ultipro.ca',
  },
];

export function startInfo(overrides: Partial<StartInfo> = {}): StartInfo {
  return {
    demo: false,
    scenario: '',
    scenarios: [],
    demo_values: null,
    version: { version: '0.1.0', commit: 'abc1234' },
    ats_options: [{ id: 'ukg-pro-recruiting', label: 'UKG Pro Recruiting', available: true }],
    account_types: accountTypes,
    scopes: [
      {
        name: 'recruiting.domain.applications.read',
        area: 'Applications',
        access: 'read',
        summary: 'Read job applications.',
      },
      {
        name: 'recruiting.domain.applications.write',
        area: 'Applications',
        access: 'write',
        summary: 'Update job applications.',
      },
    ],
    drafts: [],
    keychain_note: '',
    recipient: { kind: 'key', key: 'age1example', fingerprint: 'AB12-CD34', label: 'the test key' },
    result: ok,
    ...overrides,
  };
}

function trimNotes(input: string): { value: string; notes: Note[] } {
  const value = input.trim();
  const notes: Note[] = [];
  if (/[\r\n]+$/.test(input)) notes.push({ code: 'trimmed', message: 'Removed a line break at the end.' });
  else if (value !== input) notes.push({ code: 'trimmed', message: 'Removed spaces around the value.' });
  return { value, notes };
}

function fieldFailure(field: FieldName, code: string, message: string, position = 0): FieldResult {
  return {
    result: { status: 'failed', code, field, message },
    value: '',
    display: '',
    notes: [],
    warnings: [],
    position,
    suggested_account_type: '',
  };
}

export function checkField(field: FieldName, input: string): FieldResult {
  const { value: trimmed, notes } = trimNotes(input);
  const inside = trimmed.search(/\s/);
  if (inside >= 0) {
    return fieldFailure(field, 'whitespace_inside', `The ${field} contains a space.`, inside + 1);
  }
  const done = (value: string, display = '', warnings: Note[] = []): FieldResult => ({
    result: ok,
    value: field === 'client_secret' ? '' : value,
    display,
    notes,
    warnings,
    position: 0,
    suggested_account_type: '',
  });

  switch (field) {
    case 'subdomain': {
      const host = trimmed.replace(/^https?:\/\//i, '').split('/')[0].toLowerCase();
      const label = host.split('.')[0];
      if (host.includes('recruiting')) {
        return fieldFailure(field, 'not_a_service_host', `${host} is the Recruiting address, not a web-service host.`);
      }
      return done(label, `https://${label}.ultipro.com will be used`);
    }
    case 'tenant': {
      const tenant = trimmed.includes('/') ? new URL(trimmed).pathname.split('/')[1] : trimmed;
      const warnings =
        tenant !== tenant.toUpperCase()
          ? [{ code: 'lower_case_tenant', message: 'Tenant names are usually upper case.' }]
          : [];
      return done(tenant, '', warnings);
    }
    case 'identity_host':
      return trimmed.endsWith('.ultipro.com') || trimmed.endsWith('.ukg.net')
        ? done(trimmed.toLowerCase())
        : fieldFailure(field, 'host_not_allowed', `${trimmed} is not a known UKG identity host.`);
    default:
      return done(trimmed);
  }
}

export function verifiedReport(overrides: Partial<Report> = {}): Report {
  return {
    status: 'verified',
    started_at: '2026-01-01T00:00:00Z',
    duration_ms: 120,
    endpoints: {
      service_host: 'servicet.ultipro.com',
      identity_host: 'signin.ultipro.com',
      token_url: 'https://signin.ultipro.com/signin/oauth2/t/USG1008IT124S/access_token',
      api_base_url: 'https://servicet.ultipro.com/talent/recruiting/v2/USG1008IT124S/api',
    },
    simulated: true,
    checks: [],
    granted_scopes: [],
    scope_source: 'token_response',
    missing_scopes: [],
    problems: [],
    ...overrides,
  };
}

/** Fake Api that records calls; each behaviour can be replaced per test. */
export class FakeApi implements Api {
  info = startInfo();
  drafts = new Map<string, Draft>();
  saved: DraftInput[] = [];
  stored: { name: string; secret: string; remember: boolean }[] = [];
  checks: { field: FieldName; value: string }[] = [];
  storeResult: Result = ok;
  verifyEvents: VerifyEvent[] = [];
  verifyResult: VerifyResult = { result: ok, report: verifiedReport() };
  listener: ((event: VerifyEvent) => void) | null = null;
  clipboard: string[] = [];
  exports: { name: string; skipVerify: boolean; reason: string }[] = [];
  readyCalls = 0;
  passphraseExports: { name: string; skipVerify: boolean; reason: string }[] = [];
  passphraseExportResult: PassphraseExportResult = {
    result: ok,
    path: '/tmp/link.age',
    recipient: { kind: 'passphrase', key: '', fingerprint: '', label: 'a passphrase (age scrypt)' },
    upload_hint: '',
    passphrase: 'acorn-badge-cedar-delta-ember-fossil-garden-harbor-island-jasmine',
  };
  snapshots: string[] = [];
  snapshotResult: SnapshotResult = { result: ok, path: '/tmp/ukglink-snapshot-acme-2026-03-04.json' };
  /** Result of OpenSnapshot. A draft in it is added to drafts when opened. */
  openSnapshotResult: OpenResult = {
    result: { status: 'cancelled', code: 'cancelled' },
    draft: null,
    replaying: false,
    expired_at: '',
  };
  bundleChoice: BundleChoice = {
    result: ok,
    file_name: 'acme.age',
    lock: 'passphrase',
    fingerprints: [],
  };
  unlockRequests: BundleOpenRequest[] = [];
  /** Results of OpenChosenBundle in turn, and the last one repeats. */
  unlockResults: OpenResult[] = [];
  snapshotListener: (() => void) | null = null;
  /** Text readClipboard returns, which is what the admin last copied, or null when unreadable. */
  clipboardText: string | null = null;
  clipboardClears = 0;
  /** When set, storeSecret and exportBundle wait for it, like a slow keychain. */
  keychainGate: Promise<void> | null = null;
  /** When set, verify waits for it after sending its progress events. */
  verifyGate: Promise<void> | null = null;
  verifyCalls = 0;
  /** Drafts whose secret an earlier session saved in the keychain. */
  keychainSecrets = new Set<string>();
  /** Drafts whose secret Go holds for this session only, such as opened links. */
  sessionSecrets = new Set<string>();

  async start() {
    return this.info;
  }
  async checkField(field: FieldName, value: string) {
    this.checks.push({ field, value });
    return checkField(field, value);
  }
  async newDraft(name: string) {
    const draft: Draft = {
      name,
      step: 'admin',
      subdomain: '',
      account_type: '',
      identity_host: '',
      tenant: '',
      client_id: '',
      ask_each_time: false,
      skip_verify: false,
      skip_reason: '',
      secret_stored: false,
      last_report: null,
    };
    this.drafts.set(name, draft);
    return { result: ok, draft };
  }
  async loadDraft(name: string) {
    const draft = this.drafts.get(name) ?? null;
    const result: Result = draft ? ok : { status: 'failed', code: 'not_found', message: 'No draft.' };
    return { result, draft };
  }
  async saveDraft(input: DraftInput) {
    this.saved.push({ ...input });
    const draft = { ...this.drafts.get(input.name)!, ...input };
    this.drafts.set(input.name, draft);
    return { result: ok, draft };
  }
  async deleteDraft(name: string) {
    this.drafts.delete(name);
    return ok;
  }
  async storeSecret(name: string, secret: string, remember: boolean): Promise<SecretResult> {
    this.stored.push({ name, secret, remember });
    if (this.keychainGate) await this.keychainGate;
    const length = secret.trim().length;
    if (this.storeResult.status !== 'ok') {
      return { result: this.storeResult, stored: false, in_session: false, length, notes: [], warnings: [] };
    }
    return { result: ok, stored: remember, in_session: true, length, notes: [], warnings: [] };
  }
  async secretStatus(name: string): Promise<SecretResult> {
    const stored = this.keychainSecrets.has(name) || this.stored.some((s) => s.name === name && s.remember);
    const inSession = this.stored.some((s) => s.name === name) || this.sessionSecrets.has(name);
    return { result: ok, stored, in_session: inSession, length: 0, notes: [], warnings: [] };
  }
  async verify() {
    this.verifyCalls += 1;
    for (const event of this.verifyEvents) this.listener?.(event);
    if (this.verifyGate) await this.verifyGate;
    return this.verifyResult;
  }
  async cancelVerify(): Promise<Result> {
    return { status: 'cancelled' };
  }
  async setScenario(name: string) {
    this.info.scenario = name;
    return ok;
  }
  async supportRequest() {
    return { result: ok, text: 'Please enable these scopes: recruiting.domain.applications.read' };
  }
  async exportBundle(name: string, skipVerify: boolean, reason: string) {
    this.exports.push({ name, skipVerify, reason });
    if (this.keychainGate) await this.keychainGate;
    return {
      result: ok,
      path: '/tmp/link.age',
      recipient: { key: 'age1example', fingerprint: 'AB12-CD34', label: 'the test key' },
      upload_hint: 'Upload it on the integration page.',
    };
  }
  async exportBundleToPassphrase(name: string, skipVerify: boolean, reason: string) {
    this.passphraseExports.push({ name, skipVerify, reason });
    return this.passphraseExportResult;
  }
  async createSnapshot(name: string) {
    this.snapshots.push(name);
    return this.snapshotResult;
  }
  async openSnapshot() {
    return this.opened(this.openSnapshotResult);
  }
  async chooseBundle() {
    return this.bundleChoice;
  }
  async openChosenBundle(request: BundleOpenRequest) {
    this.unlockRequests.push({ ...request });
    const result = this.unlockResults.length > 1 ? this.unlockResults.shift()! : this.unlockResults[0];
    return this.opened(result);
  }
  private opened(result: OpenResult): OpenResult {
    if (result.draft) {
      this.drafts.set(result.draft.name, result.draft);
      // Go keeps an opened link's secret for the session: the bundle's, or
      // for a replayed snapshot one that the replay accepts.
      this.sessionSecrets.add(result.draft.name);
      this.info.drafts.push({
        name: result.draft.name,
        step: result.draft.step,
        updated_at: '',
        tenant: result.draft.tenant,
        secret_stored: false,
        verified: false,
      });
    }
    return result;
  }
  onSnapshotRequested(listener: () => void) {
    this.snapshotListener = listener;
    return () => {
      this.snapshotListener = null;
    };
  }
  frontendReady() {
    this.readyCalls += 1;
  }
  onVerifyProgress(listener: (event: VerifyEvent) => void) {
    this.listener = listener;
    return () => {
      this.listener = null;
    };
  }
  async copyText(text: string) {
    this.clipboard.push(text);
    return true;
  }
  async readClipboard() {
    return this.clipboardText;
  }
  async clearClipboard() {
    this.clipboardClears += 1;
    this.clipboardText = '';
    return true;
  }
}
