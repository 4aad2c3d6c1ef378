import type {
  Api,
  BundleChoice,
  BundleOpenRequest,
  OpenResult,
  Result,
  SnapshotResult,
} from './api';
import type { Wizard } from './wizard.svelte';
import { format, m } from '../i18n';

/** Notice that stays above the wizard until it is closed. */
export type SupportNotice =
  | { kind: 'snapshot_saving' }
  | { kind: 'snapshot'; snapshot: SnapshotResult }
  | { kind: 'opened'; text: string };

/** Code of the Result made here when the Help menu finds no link on screen. */
export const noLinkCode = 'no_link';

/**
 * State of the support tools: opening a snapshot or a sealed bundle from the
 * Start screen, and the Help menu's "Create support snapshot". A passphrase
 * typed to open a bundle is never kept here.
 */
export class Support {
  readonly api: Api;
  /** A call that opens a file is running. */
  busy = $state(false);
  /** Failed or cancelled result of the last open from the Start screen. */
  openResult = $state<Result | null>(null);
  /** The bundle chosen to open, waiting for its passphrase or identity file. */
  choice = $state<BundleChoice | null>(null);
  /** Failed or cancelled result of the last attempt to open the chosen bundle. */
  unlockResult = $state<Result | null>(null);
  /** Expiry time of the chosen bundle, once Go reported it expired. */
  expiredAt = $state('');
  notice = $state<SupportNotice | null>(null);

  constructor(api: Api) {
    this.api = api;
  }

  /** Opens a support snapshot and shows its link at the Verify step. */
  async openSnapshot(wizard: Wizard): Promise<void> {
    if (!this.begin()) return;
    this.closeBundle();
    const opened = await this.api.openSnapshot();
    this.busy = false;
    if (opened.result.status !== 'ok' || opened.draft === null) {
      this.openResult = opened.result;
      return;
    }
    const template = opened.replaying ? m.supportOpenedSnapshot : m.supportOpenedSnapshotNoReplay;
    await this.showLink(wizard, opened, format(template, { name: opened.draft.name }));
  }

  /** Opens the file dialog for a bundle and reads whether a passphrase or a key opens it. */
  async chooseBundle(): Promise<void> {
    if (!this.begin()) return;
    this.closeBundle();
    const choice = await this.api.chooseBundle();
    this.busy = false;
    if (choice.result.status !== 'ok') {
      this.openResult = choice.result;
      return;
    }
    this.choice = choice;
  }

  /**
   * Opens the chosen bundle and shows its link. Returns false when it did not
   * open, and unlockResult or expiredAt then gives the reason.
   */
  async unlock(wizard: Wizard, request: BundleOpenRequest): Promise<boolean> {
    if (this.choice === null || !this.begin()) return false;
    this.unlockResult = null;
    const opened = await this.api.openChosenBundle(request);
    this.busy = false;
    if (opened.result.code === 'bundle_expired' && opened.expired_at !== '') {
      this.expiredAt = opened.expired_at;
      return false;
    }
    this.expiredAt = '';
    if (opened.result.status !== 'ok' || opened.draft === null) {
      this.unlockResult = opened.result;
      return false;
    }
    this.closeBundle();
    await this.showLink(wizard, opened, format(m.supportOpenedBundle, { name: opened.draft.name }));
    return true;
  }

  /** Forgets the chosen bundle and what happened to it. */
  closeBundle(): void {
    this.choice = null;
    this.unlockResult = null;
    this.expiredAt = '';
  }

  /**
   * Writes a support snapshot of the link on screen, for the Help menu. The
   * draft is saved first, so the snapshot has the values as shown.
   */
  async createSnapshot(wizard: Wizard): Promise<void> {
    if (this.notice?.kind === 'snapshot_saving') return;
    if (!wizard.draftOpen) {
      const result: Result = { status: 'failed', code: noLinkCode, message: m.supportSnapshotNoLink };
      this.notice = { kind: 'snapshot', snapshot: { result, path: '' } };
      return;
    }
    this.notice = { kind: 'snapshot_saving' };
    await wizard.saveDraft();
    const snapshot = await this.api.createSnapshot(wizard.name);
    this.notice = { kind: 'snapshot', snapshot };
  }

  closeNotice(): void {
    this.notice = null;
  }

  private begin(): boolean {
    if (this.busy) return false;
    this.busy = true;
    this.openResult = null;
    return true;
  }

  private async showLink(wizard: Wizard, opened: OpenResult, text: string): Promise<void> {
    this.notice = { kind: 'opened', text };
    wizard.info = await this.api.start();
    await wizard.resume(opened.draft!.name);
  }
}

/** Formats an RFC 3339 time as a date in the local time zone, such as "31 October 2025". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}
