import type { Api, FieldName, FieldResult } from './api';

/** Delay between the last keystroke and the check, in milliseconds. */
export const checkDelayMs = 150;

/**
 * State of one input that Go checks with CheckField as the admin types.
 * A result is kept together with the input it belongs to, so a late answer
 * for an older input is never shown.
 */
export class FieldModel {
  input = $state('');
  touched = $state(false);
  #checked = $state<{ input: string; result: FieldResult } | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<FieldResult | null> | null = null;
  readonly field: FieldName;
  readonly optional: boolean;
  readonly #api: Api;

  constructor(field: FieldName, api: Api, optional = false) {
    this.field = field;
    this.#api = api;
    this.optional = optional;
  }

  /** Result for the current input, or null while it is unchecked or empty. */
  get result(): FieldResult | null {
    const checked = this.#checked;
    return checked && checked.input === this.input ? checked.result : null;
  }

  get empty(): boolean {
    return this.input.trim() === '';
  }

  get pending(): boolean {
    return !this.empty && this.result === null;
  }

  get ok(): boolean {
    return this.result?.result.status === 'ok';
  }

  get failed(): boolean {
    const status = this.result?.result.status;
    return status !== undefined && status !== 'ok';
  }

  /** Records what the admin typed and checks it after checkDelayMs. */
  update(input: string): void {
    this.input = input;
    this.touched = true;
    clearTimeout(this.#timer);
    if (this.empty) return;
    this.#timer = setTimeout(() => void this.check(), checkDelayMs);
  }

  /** Sets a saved value without marking the field as touched, and checks it. */
  prefill(value: string): Promise<FieldResult | null> {
    this.input = value;
    this.touched = false;
    return this.check();
  }

  /** Checks the current input now, cancelling a scheduled check. */
  check(): Promise<FieldResult | null> {
    clearTimeout(this.#timer);
    const input = this.input;
    if (input.trim() === '') return Promise.resolve(null);
    if (this.result) return Promise.resolve(this.result);

    const running = this.#api.checkField(this.field, input).then((result) => {
      if (this.input === input) this.#checked = { input, result };
      return result;
    });
    this.#running = running;
    return running;
  }

  /** Waits for the check of the current input, starting it if needed. */
  async settle(): Promise<FieldResult | null> {
    if (this.#running) await this.#running;
    return this.check();
  }

  /**
   * Returns the value to keep: the normalized value when the input passed the
   * check, else the input without surrounding white space, so a value that
   * needed trimming is never shown again untrimmed.
   */
  keptValue(): string {
    return this.ok && this.result ? this.result.value : this.input.trim();
  }

  /** Replaces the input by keptValue and checks it again if it changed. */
  async commit(): Promise<boolean> {
    const kept = this.keptValue();
    if (kept === this.input) return false;
    const wasTouched = this.touched;
    await this.prefill(kept);
    this.touched = wasTouched;
    return true;
  }

  /** Forgets the input, for the secret once Go has it. */
  clear(): void {
    clearTimeout(this.#timer);
    this.input = '';
    this.touched = false;
    this.#checked = null;
  }
}
