// Typed access to the Go methods bound by Wails (window.go.main.App) and to
// the Wails runtime (window.runtime). Components receive an Api value, so a
// test passes a fake in its place.

/** Outcome of a Go call: "ok", "failed", "cancelled" or "timed_out". */
export type Status = 'ok' | 'failed' | 'cancelled' | 'timed_out';

/** Structured result that every bound method returns or embeds. */
export interface Result {
  status: Status;
  code?: string;
  field?: string;
  message?: string;
  detail?: string;
}

export type FieldName =
  | 'subdomain'
  | 'account_type'
  | 'identity_host'
  | 'tenant'
  | 'client_id'
  | 'client_secret';

/** Something a parser did or noticed, such as trimming a line break. */
export interface Note {
  code: string;
  message: string;
}

export interface Scenario {
  /** Name of the scenario in the simulator. */
  name: string;
  /** Plain words for the scenario menu. */
  label: string;
  description: string;
}

export interface AtsOption {
  id: string;
  label: string;
  available: boolean;
}

export interface AccountType {
  id: string;
  label: string;
  description: string;
  environment: string;
  domain: string;
  identity_host: string;
}

export interface Scope {
  name: string;
  area: string;
  access: string;
  summary: string;
}

export interface DraftSummary {
  name: string;
  step: string;
  updated_at: string;
  tenant: string;
  secret_stored: boolean;
  verified: boolean;
}

/** Recipient kind of a bundle: a public key or a passphrase. */
export type RecipientKind = 'key' | 'passphrase';

/** Key or passphrase that exported bundles are sealed to. */
export interface RecipientInfo {
  /** A passphrase has no key and no fingerprint. */
  kind?: RecipientKind;
  key: string;
  fingerprint: string;
  label: string;
  /** Demo key file that opens demo bundles. */
  identity_path?: string;
}

/** Values that the demo simulator accepts. */
export interface DemoValues {
  subdomain: string;
  tenant: string;
  client_id: string;
  client_secret: string;
}

export interface StartInfo {
  demo: boolean;
  scenario: string;
  scenarios: Scenario[];
  demo_values: DemoValues | null;
  version: { version: string; commit: string };
  ats_options: AtsOption[];
  account_types: AccountType[];
  scopes: Scope[];
  drafts: DraftSummary[];
  keychain_note: string;
  recipient: RecipientInfo | null;
  result: Result;
}

export interface FieldResult {
  result: Result;
  /** Normalized value, or "" for client_secret. */
  value: string;
  /** Sentence such as "https://servicet.ultipro.com will be used". */
  display: string;
  notes: Note[];
  warnings: Note[];
  /** 1-based character position of the problem, 0 if none. */
  position: number;
  /** Account type whose domain the pasted host belongs to, when not the default. */
  suggested_account_type: string;
}

/** What the window sends on every step change. */
export interface DraftInput {
  name: string;
  step: string;
  subdomain: string;
  account_type: string;
  identity_host: string;
  tenant: string;
  client_id: string;
  ask_each_time: boolean;
  /** The admin chose to continue without verifying. */
  skip_verify: boolean;
  /** Reason given for continuing without verifying. */
  skip_reason: string;
}

/** A saved draft as the window shows it. */
export interface Draft extends DraftInput {
  secret_stored: boolean;
  last_report: Report | null;
}

export interface DraftResult {
  result: Result;
  draft: Draft | null;
}

export interface SecretResult {
  result: Result;
  stored: boolean;
  in_session: boolean;
  length: number;
  notes: Note[];
  warnings: Note[];
}

/** Payload of the "verify:progress" event. */
export interface VerifyEvent {
  check: string;
  status: 'running' | 'ok' | 'failed' | 'skipped';
  message?: string;
}

export interface Check {
  name: string;
  method: string;
  url: string;
  http_status: number;
  content_type: string;
  duration_ms: number;
  status: string;
  problem: string;
  message?: string;
}

export interface Problem {
  code: string;
  field: string;
  title: string;
  message: string;
  detail: string;
}

export interface Endpoints {
  service_host: string;
  identity_host: string;
  token_url: string;
  api_base_url: string;
}

export interface Report {
  status: 'verified' | 'failed' | 'cancelled';
  started_at: string;
  duration_ms: number;
  endpoints: Endpoints;
  simulated: boolean;
  checks: Check[];
  granted_scopes: string[];
  scope_source: string;
  missing_scopes: string[];
  problems: Problem[];
}

export interface VerifyResult {
  result: Result;
  report: Report | null;
}

export interface TextResult {
  result: Result;
  text: string;
}

export interface ExportResult {
  result: Result;
  path: string;
  recipient: RecipientInfo;
  upload_hint: string;
}

/** Response to ExportBundleToPassphrase: the passphrase is in it once. */
export interface PassphraseExportResult extends ExportResult {
  passphrase: string;
}

export interface SnapshotResult {
  result: Result;
  path: string;
}

/** Lock of a bundle, read from its header: an identity file or a passphrase opens it. */
export type BundleLock = 'identity' | 'passphrase';

/** Response to ChooseBundle. */
export interface BundleChoice {
  result: Result;
  file_name: string;
  lock: BundleLock;
  /** Short fingerprints of the keys the bundle is sealed to. */
  fingerprints: string[];
}

export interface BundleOpenRequest {
  passphrase: string;
  /** Asks for the identity file again, for example after a wrong key. */
  choose_identity: boolean;
  allow_expired: boolean;
}

/** Response to OpenSnapshot and OpenChosenBundle. */
export interface OpenResult {
  result: Result;
  draft: Draft | null;
  /** Verification of the opened snapshot replays the recorded responses. */
  replaying: boolean;
  /** RFC 3339 expiry time of a bundle that was not opened because it expired. */
  expired_at: string;
}

/** Event that the Help menu's "Create support snapshot" sends. */
export const snapshotRequestedEvent = 'menu:snapshot';

/** Everything the wizard asks of the Go side. */
export interface Api {
  start(): Promise<StartInfo>;
  checkField(field: FieldName, value: string): Promise<FieldResult>;
  newDraft(name: string): Promise<DraftResult>;
  loadDraft(name: string): Promise<DraftResult>;
  saveDraft(input: DraftInput): Promise<DraftResult>;
  deleteDraft(name: string): Promise<Result>;
  storeSecret(name: string, secret: string, remember: boolean): Promise<SecretResult>;
  secretStatus(name: string): Promise<SecretResult>;
  verify(name: string): Promise<VerifyResult>;
  cancelVerify(): Promise<Result>;
  setScenario(name: string): Promise<Result>;
  supportRequest(name: string): Promise<TextResult>;
  exportBundle(name: string, skipVerify: boolean, reason: string): Promise<ExportResult>;
  exportBundleToPassphrase(
    name: string,
    skipVerify: boolean,
    reason: string,
  ): Promise<PassphraseExportResult>;
  createSnapshot(name: string): Promise<SnapshotResult>;
  openSnapshot(): Promise<OpenResult>;
  chooseBundle(): Promise<BundleChoice>;
  openChosenBundle(request: BundleOpenRequest): Promise<OpenResult>;
  frontendReady(): void;
  /** Subscribes to "verify:progress" and returns the unsubscribe function. */
  onVerifyProgress(listener: (event: VerifyEvent) => void): () => void;
  /** Subscribes to the Help menu's snapshot event and returns the unsubscribe function. */
  onSnapshotRequested(listener: () => void): () => void;
  /** Copies text to the clipboard and reports whether that worked. */
  copyText(text: string): Promise<boolean>;
  /** Returns the text on the clipboard, or null when it cannot be read. */
  readClipboard(): Promise<string | null>;
  /** Empties the clipboard and reports whether that worked. */
  clearClipboard(): Promise<boolean>;
}

/** Code of the Result made here when the Go side could not be called. */
export const bridgeErrorCode = 'bridge_unavailable';

// The Go methods as Wails exposes them: one positional argument per Go parameter.
interface BoundApp {
  Start(): Promise<unknown>;
  CheckField(field: string, value: string): Promise<unknown>;
  NewDraft(name: string): Promise<unknown>;
  LoadDraft(name: string): Promise<unknown>;
  SaveDraft(input: DraftInput): Promise<unknown>;
  DeleteDraft(name: string): Promise<unknown>;
  StoreSecret(name: string, secret: string, remember: boolean): Promise<unknown>;
  SecretStatus(name: string): Promise<unknown>;
  Verify(name: string): Promise<unknown>;
  CancelVerify(): Promise<unknown>;
  SetScenario(name: string): Promise<unknown>;
  SupportRequest(name: string): Promise<unknown>;
  ExportBundle(name: string, skipVerify: boolean, reason: string): Promise<unknown>;
  ExportBundleToPassphrase(name: string, skipVerify: boolean, reason: string): Promise<unknown>;
  CreateSnapshot(name: string): Promise<unknown>;
  OpenSnapshot(): Promise<unknown>;
  ChooseBundle(): Promise<unknown>;
  OpenChosenBundle(request: BundleOpenRequest): Promise<unknown>;
  FrontendReady(): Promise<unknown>;
}

interface WailsRuntime {
  EventsOn(event: string, callback: (data: unknown) => void): (() => void) | void;
  EventsOff(event: string): void;
  ClipboardSetText?(text: string): Promise<boolean>;
  ClipboardGetText?(): Promise<string>;
}

/** The parts of window that the Wails bridge adds. */
export interface WailsWindow {
  go?: { main?: { App?: BoundApp } };
  runtime?: WailsRuntime;
  navigator?: Navigator;
  /** Message handler that WebKitGTK and WKWebView give the Wails window. */
  webkit?: { messageHandlers?: { external?: unknown } };
  /** WebView2's host object in the Wails window on Windows. */
  chrome?: { webview?: unknown };
}

type Raw = Record<string, unknown>;

function asRecord(value: unknown): Raw {
  return value !== null && typeof value === 'object' ? (value as Raw) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

const statuses: readonly Status[] = ['ok', 'failed', 'cancelled', 'timed_out'];

/** Reads a Result from Go, treating anything malformed as a failure. */
export function toResult(value: unknown): Result {
  const raw = asRecord(value);
  const status = statuses.find((s) => s === raw.status) ?? 'failed';
  const result: Result = { status };
  for (const key of ['code', 'field', 'message', 'detail'] as const) {
    if (text(raw[key]) !== '') result[key] = text(raw[key]);
  }
  return result;
}

function failure(detail: string): Result {
  return { status: 'failed', code: bridgeErrorCode, detail };
}

function toFieldResult(value: unknown): FieldResult {
  const raw = asRecord(value);
  return {
    result: toResult(raw.result),
    value: text(raw.value),
    display: text(raw.display),
    notes: list<Note>(raw.notes),
    warnings: list<Note>(raw.warnings),
    position: typeof raw.position === 'number' ? raw.position : 0,
    suggested_account_type: text(raw.suggested_account_type),
  };
}

/** Reads a verify.Report, filling the lists Go may send as null. */
export function toReport(value: unknown): Report | null {
  if (value === null || typeof value !== 'object') return null;
  const raw = asRecord(value);
  return {
    status: raw.status === 'verified' || raw.status === 'cancelled' ? raw.status : 'failed',
    started_at: text(raw.started_at),
    duration_ms: typeof raw.duration_ms === 'number' ? raw.duration_ms : 0,
    endpoints: asRecord(raw.endpoints) as unknown as Endpoints,
    simulated: raw.simulated === true,
    checks: list<Check>(raw.checks),
    granted_scopes: list<string>(raw.granted_scopes),
    scope_source: text(raw.scope_source),
    missing_scopes: list<string>(raw.missing_scopes),
    problems: list<Problem>(raw.problems),
  };
}

// Reads a draft. The values are flat (DraftView in Go); a draft whose values
// sit under "profile" (profile.Draft) is read as well.
function toDraft(value: unknown): Draft | null {
  if (value === null || typeof value !== 'object') return null;
  const raw = asRecord(value);
  const values = raw.profile === undefined ? raw : asRecord(raw.profile);
  if (text(values.name) === '') return null;
  return {
    name: text(values.name),
    step: text(raw.step),
    subdomain: text(values.subdomain),
    account_type: text(values.account_type),
    identity_host: text(values.identity_host),
    tenant: text(values.tenant),
    client_id: text(values.client_id),
    ask_each_time: raw.ask_each_time === true,
    skip_verify: raw.skip_verify === true,
    skip_reason: text(raw.skip_reason),
    secret_stored: raw.secret_stored === true,
    last_report: toReport(raw.last_report),
  };
}

function toDraftResult(value: unknown): DraftResult {
  const raw = asRecord(value);
  return { result: toResult(raw.result), draft: toDraft(raw.draft) };
}

function toSecretResult(value: unknown): SecretResult {
  const raw = asRecord(value);
  return {
    result: toResult(raw.result),
    stored: raw.stored === true,
    in_session: raw.in_session === true,
    length: typeof raw.length === 'number' ? raw.length : 0,
    notes: list<Note>(raw.notes),
    warnings: list<Note>(raw.warnings),
  };
}

function toStartInfo(value: unknown): StartInfo {
  const raw = asRecord(value);
  const version = asRecord(raw.version);
  return {
    demo: raw.demo === true,
    scenario: text(raw.scenario),
    scenarios: list<Scenario>(raw.scenarios).map((s) => ({ ...s, label: s.label || s.name })),
    demo_values: raw.demo_values ? (asRecord(raw.demo_values) as unknown as DemoValues) : null,
    version: { version: text(version.version), commit: text(version.commit) },
    ats_options: list<AtsOption>(raw.ats_options),
    account_types: list<AccountType>(raw.account_types),
    scopes: list<Scope>(raw.scopes),
    drafts: list<DraftSummary>(raw.drafts),
    keychain_note: text(raw.keychain_note),
    recipient: raw.recipient ? toRecipient(raw.recipient) : null,
    result: toResult(raw.result),
  };
}

function toRecipient(value: unknown): RecipientInfo {
  const raw = asRecord(value);
  return {
    kind: raw.kind === 'passphrase' ? 'passphrase' : 'key',
    key: text(raw.key),
    fingerprint: text(raw.fingerprint),
    label: text(raw.label),
    identity_path: text(raw.identity_path),
  };
}

// Reads an ExportResult. The recipient is an object (RecipientInfo in Go);
// a flat fingerprint and recipient key are read as well.
function toExportResult(value: unknown): ExportResult {
  const raw = asRecord(value);
  const recipient =
    typeof raw.recipient === 'string'
      ? { key: raw.recipient, fingerprint: text(raw.fingerprint), label: '' }
      : toRecipient(raw.recipient);
  return {
    result: toResult(raw.result),
    path: text(raw.path),
    recipient,
    upload_hint: text(raw.upload_hint),
  };
}

function toPassphraseExportResult(value: unknown): PassphraseExportResult {
  return { ...toExportResult(value), passphrase: text(asRecord(value).passphrase) };
}

function toSnapshotResult(value: unknown): SnapshotResult {
  const raw = asRecord(value);
  return { result: toResult(raw.result), path: text(raw.path) };
}

function toBundleChoice(value: unknown): BundleChoice {
  const raw = asRecord(value);
  return {
    result: toResult(raw.result),
    file_name: text(raw.file_name),
    lock: raw.lock === 'passphrase' ? 'passphrase' : 'identity',
    fingerprints: list<string>(raw.fingerprints),
  };
}

function toOpenResult(value: unknown): OpenResult {
  const raw = asRecord(value);
  return {
    result: toResult(raw.result),
    draft: toDraft(raw.draft),
    replaying: raw.replaying === true,
    expired_at: text(raw.expired_at),
  };
}

/** Subscribes listener to a Wails event and returns the unsubscribe function. */
function subscribe(win: WailsWindow, event: string, listener: (data: unknown) => void): () => void {
  const runtime = win.runtime;
  if (!runtime) return () => undefined;
  const off = runtime.EventsOn(event, listener);
  return typeof off === 'function' ? off : () => runtime.EventsOff(event);
}

function toVerifyEvent(value: unknown): VerifyEvent {
  const raw = asRecord(value);
  const known = ['running', 'ok', 'failed', 'skipped'] as const;
  return {
    check: text(raw.check),
    status: known.find((s) => s === raw.status) ?? 'running',
    message: text(raw.message),
  };
}

/**
 * Reports whether win is the app's own webview rather than a browser on the
 * development server. The app window reads the clipboard through the Wails
 * runtime, which asks nothing.
 * NOTE: WebKit lets a page read the clipboard only after the user agrees
 * (Safari shows a "Paste" button). What WebKitGTK shows in the Wails window
 * was not tried, so the page's own clipboard is read only in a browser.
 */
function nativeWebview(win: WailsWindow): boolean {
  return win.webkit?.messageHandlers?.external !== undefined || win.chrome?.webview !== undefined;
}

/**
 * Creates the Api over the Wails bridge of win. A call that cannot reach Go
 * (no bridge, or a rejected promise) returns a failed Result with code
 * bridgeErrorCode, so the UI never handles a bare string.
 */
export function createWailsApi(win: WailsWindow = window as unknown as WailsWindow): Api {
  async function call<T>(
    invoke: (app: BoundApp) => Promise<unknown>,
    read: (value: unknown) => T,
    wrap: (result: Result) => T,
  ): Promise<T> {
    const app = win.go?.main?.App;
    if (!app) return wrap(failure('window.go.main.App is not defined'));
    try {
      return read(await invoke(app));
    } catch (err) {
      return wrap(failure(String(err)));
    }
  }

  const withResult = <T extends object>(empty: Omit<T, 'result'>) => (result: Result) =>
    ({ ...empty, result }) as unknown as T;

  const emptyField = {
    value: '',
    display: '',
    notes: [],
    warnings: [],
    position: 0,
    suggested_account_type: '',
  };
  const emptySecret = { stored: false, in_session: false, length: 0, notes: [], warnings: [] };
  const emptyExport = { path: '', recipient: toRecipient({}), upload_hint: '' };
  const emptyOpen = { draft: null, replaying: false, expired_at: '' };

  return {
    start: () =>
      call((app) => app.Start(), toStartInfo, (result) => ({ ...toStartInfo({}), result })),
    checkField: (field, value) =>
      call((app) => app.CheckField(field, value), toFieldResult, withResult<FieldResult>(emptyField)),
    newDraft: (name) =>
      call((app) => app.NewDraft(name), toDraftResult, withResult<DraftResult>({ draft: null })),
    loadDraft: (name) =>
      call((app) => app.LoadDraft(name), toDraftResult, withResult<DraftResult>({ draft: null })),
    saveDraft: (input) =>
      call((app) => app.SaveDraft(input), toDraftResult, withResult<DraftResult>({ draft: null })),
    deleteDraft: (name) => call((app) => app.DeleteDraft(name), toResult, (r) => r),
    storeSecret: (name, secret, remember) =>
      call(
        (app) => app.StoreSecret(name, secret, remember),
        toSecretResult,
        withResult<SecretResult>(emptySecret),
      ),
    secretStatus: (name) =>
      call((app) => app.SecretStatus(name), toSecretResult, withResult<SecretResult>(emptySecret)),
    verify: (name) =>
      call(
        (app) => app.Verify(name),
        (v) => ({ result: toResult(asRecord(v).result), report: toReport(asRecord(v).report) }),
        withResult<VerifyResult>({ report: null }),
      ),
    cancelVerify: () => call((app) => app.CancelVerify(), toResult, (r) => r),
    setScenario: (name) => call((app) => app.SetScenario(name), toResult, (r) => r),
    supportRequest: (name) =>
      call(
        (app) => app.SupportRequest(name),
        (v) => ({ result: toResult(asRecord(v).result), text: text(asRecord(v).text) }),
        withResult<TextResult>({ text: '' }),
      ),
    exportBundle: (name, skipVerify, reason) =>
      call(
        (app) => app.ExportBundle(name, skipVerify, reason),
        toExportResult,
        withResult<ExportResult>(emptyExport),
      ),
    exportBundleToPassphrase: (name, skipVerify, reason) =>
      call(
        (app) => app.ExportBundleToPassphrase(name, skipVerify, reason),
        toPassphraseExportResult,
        withResult<PassphraseExportResult>({ ...emptyExport, passphrase: '' }),
      ),
    createSnapshot: (name) =>
      call((app) => app.CreateSnapshot(name), toSnapshotResult, withResult<SnapshotResult>({ path: '' })),
    openSnapshot: () =>
      call((app) => app.OpenSnapshot(), toOpenResult, withResult<OpenResult>(emptyOpen)),
    chooseBundle: () =>
      call(
        (app) => app.ChooseBundle(),
        toBundleChoice,
        withResult<BundleChoice>({ file_name: '', lock: 'identity', fingerprints: [] }),
      ),
    openChosenBundle: (request) =>
      call((app) => app.OpenChosenBundle(request), toOpenResult, withResult<OpenResult>(emptyOpen)),
    frontendReady: () => {
      void win.go?.main?.App?.FrontendReady().catch(() => undefined);
    },
    onVerifyProgress: (listener) => {
      const runtime = win.runtime;
      if (!runtime) return () => undefined;
      const off = runtime.EventsOn('verify:progress', (data) => listener(toVerifyEvent(data)));
      return typeof off === 'function' ? off : () => runtime.EventsOff('verify:progress');
    },
    onSnapshotRequested: (listener) => subscribe(win, snapshotRequestedEvent, () => listener()),
    readClipboard: async () => {
      const runtime = win.runtime;
      const viaRuntime = async () => (runtime?.ClipboardGetText ? await runtime.ClipboardGetText() : null);
      try {
        if (nativeWebview(win)) return await viaRuntime();
        const clipboard = win.navigator?.clipboard;
        return clipboard ? await clipboard.readText() : await viaRuntime();
      } catch {
        return viaRuntime().catch(() => null);
      }
    },
    clearClipboard: async () => {
      try {
        if (!win.navigator?.clipboard) throw new Error('no navigator.clipboard');
        await win.navigator.clipboard.writeText('');
        return true;
      } catch {
        return (await win.runtime?.ClipboardSetText?.('').catch(() => false)) ?? false;
      }
    },
    copyText: async (value) => {
      try {
        if (win.runtime?.ClipboardSetText) return await win.runtime.ClipboardSetText(value);
        await win.navigator?.clipboard.writeText(value);
        return win.navigator?.clipboard !== undefined;
      } catch {
        return false;
      }
    },
  };
}
