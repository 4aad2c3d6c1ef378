import { describe, expect, it } from 'vitest';
import { linkNameProblem } from './linkName';

// The sentences are those of nameProblem in backend/desktop/drafts.go.
const allowed = ' Use only letters, digits, dashes (-), underscores (_) and dots, for example acme-recruiting.';

describe('linkNameProblem', () => {
  it.each([
    ['acme-recruiting_2.prod'],
    ['ACME'],
    ['a'.repeat(64)],
  ])('accepts %s', (name) => {
    expect(linkNameProblem(name)).toBeNull();
  });

  it.each([
    ['', 'Enter a name for this link.'],
    ['acme corp', `The name cannot contain spaces.${allowed}`],
    ['acme/corp', `The name cannot contain “/”.${allowed}`],
    ['acme\tcorp', `The name cannot contain tabs, line breaks or other blank characters.${allowed}`],
    ['acme\u200bcorp', `The name cannot contain invisible characters.${allowed}`],
    ['.acme', `The name cannot start with a dot.${allowed}`],
    ['a'.repeat(65), 'The name is too long: use at most 64 characters.'],
  ])('explains %j in plain words', (name, sentence) => {
    expect(linkNameProblem(name)).toBe(sentence);
  });

  it('rejects a saved name, also in another case', () => {
    expect(linkNameProblem('acme', ['acme'])).toBe(
      'A link named “acme” exists already. Resume it below, or choose another name.',
    );
    expect(linkNameProblem('ACME', ['acme'])).toMatch(/^A link named “acme” exists already, and names that differ/);
  });

  it('never quotes the technical message', () => {
    expect(linkNameProblem('acme corp')).not.toMatch(/position|Invalid profile name/);
  });
});
