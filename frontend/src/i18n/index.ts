import { en, type Messages, type Template } from './en';

export type { Messages, Template };

/** Messages of the language in use. */
export const m: Messages = en;

/** Replaces each {name} in template with vars.name. */
export function format<P extends string>(
  template: Template<P>,
  vars: Record<P, string | number>,
): string {
  const values = vars as Record<string, string | number>;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
