/**
 * The plain-text part generated from an email's HTML when the marketer wrote none (SPEC §5):
 * readable text for clients that show no HTML and for spam filters that want both parts. Works
 * on rendered HTML (tokens already filled) with linear-time patterns only, since the HTML is
 * user input.
 */

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
  reg: '®',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const hex = name[1] === 'x' || name[1] === 'X';
      const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
};

/** Links become "label (address)"; the same address twice, or a `#`/`mailto:` link, stays as its label. */
function linksToText(html: string): string {
  return html.replace(/(<a\b[^>]*>)([^]*?)<\/a\s*>/gi, (_whole, open: string, label: string) => {
    const href = attribute(open, 'href');
    const text = label.replace(/<[^>]*>/g, '').trim();
    if (href === undefined || href === '' || href.startsWith('#')) return text;
    const address = decodeEntities(href);
    if (text === '' || decodeEntities(text) === address) return address;
    return `${text} (${address})`;
  });
}

/** Plain text of an HTML body: paragraphs and headings on lines of their own, lists with dashes. */
export function htmlToText(html: string): string {
  const text = linksToText(
    html
      .replace(/\s+/g, ' ')
      .replace(/<!--[^]*?-->/g, '')
      .replace(/<(head|style|script|title)\b[^>]*>[^]*?<\/\1\s*>/gi, '')
      .replace(/<div[^>]*display\s*:\s*none[^>]*>[^<]*<\/div>/gi, ''),
  )
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|h[1-6]|table|ul|ol|blockquote|section|header|footer)\s*>/gi, '\n\n')
    .replace(/<\/tr\s*>/gi, '\n')
    .replace(/<\/li\s*>/gi, '')
    .replace(/<(p|div|h[1-6]|table|tr|ul|ol|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
