/**
 * The Liquid text a token picker inserts: `{{ person.firstName }}` or, with a fallback,
 * `{{ person.firstName | default: "there" }}` (quotes in the fallback escaped for Liquid).
 */
export function tokenText(path: string, fallback: string): string {
  const trimmed = fallback.trim();
  if (trimmed === '') return `{{ ${path} }}`;
  const quoted = trimmed.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `{{ ${path} | default: "${quoted}" }}`;
}

/** A token name usable after `my.`: letters, digits and underscores, starting with a letter. */
export function isTokenName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]{0,99}$/.test(name);
}
