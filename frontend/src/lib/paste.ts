import type { FieldModel } from './field.svelte';

/**
 * Handles a paste into a single-line input. Browsers drop line breaks from
 * such inputs without a word, so a paste that contains one goes to the model
 * whole: the check then reports the line break it removed.
 */
export function pasteIntoModel(event: ClipboardEvent, model: FieldModel): void {
  const pasted = event.clipboardData?.getData('text/plain') ?? '';
  if (!/[\r\n]/.test(pasted)) return;

  event.preventDefault();
  const input = event.currentTarget as HTMLInputElement;
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  model.update(input.value.slice(0, start) + pasted + input.value.slice(end));
}
