import { format, m } from '../i18n';

/** Maximum length of a link name in UTF-8 bytes, as profile.MaxNameLength in Go. */
export const maxLinkNameLength = 64;

function allowedCharacter(char: string): boolean {
  return /^[A-Za-z0-9._-]$/.test(char);
}

/** Names a character for the admin, with words for blank and invisible ones. */
function describeCharacter(char: string): string {
  if (char === ' ') return m.nameSpaces;
  if (/\s/u.test(char)) return m.nameBlanks;
  if (/[\p{C}]/u.test(char)) return m.nameInvisible;
  return `“${char}”`;
}

/**
 * Returns why name cannot name a new link, in a sentence for the admin, or
 * null when it can. The rules and sentences are those of profile.ValidateName
 * and nameProblem in Go. taken lists the names of saved links, which the Go
 * side rejects as well, even when they differ only in case.
 */
export function linkNameProblem(name: string, taken: readonly string[] = []): string | null {
  if (name === '') return m.nameEmpty;
  if (new TextEncoder().encode(name).length > maxLinkNameLength) return format(m.nameTooLong, { max: maxLinkNameLength });
  if (name.startsWith('.')) return `${m.nameLeadingDot} ${m.nameAllowed}`;
  const bad = [...name].find((char) => !allowedCharacter(char));
  if (bad !== undefined) {
    return `${format(m.nameBadCharacter, { character: describeCharacter(bad) })} ${m.nameAllowed}`;
  }
  const same = taken.find((other) => other.toLowerCase() === name.toLowerCase());
  if (same === name) return format(m.nameTaken, { name });
  if (same !== undefined) return format(m.nameTakenOtherCase, { name: same });
  return null;
}
