import { describe, expect, it } from 'vitest';
import { htmlToText } from './plain-text.ts';

describe('htmlToText', () => {
  it('puts paragraphs and headings on lines of their own and drops the head and styles', () => {
    const html =
      '<html><head><title>T</title><style>p{color:red}</style></head><body>' +
      '<h1>Hello Ada</h1><p>Thanks for\n   visiting.</p><p>See you<br>soon</p></body></html>';
    expect(htmlToText(html)).toBe('Hello Ada\n\nThanks for visiting.\n\nSee you\nsoon');
  });

  it('writes links as label and address, and lists with dashes', () => {
    const html =
      '<p>Read <a href="https://x.example/a?b=1&amp;c=2">the guide</a>.</p>' +
      '<ul><li>One</li><li>Two</li></ul><a href="https://x.example">https://x.example</a>';
    expect(htmlToText(html)).toBe(
      'Read the guide (https://x.example/a?b=1&c=2).\n\n- One\n- Two\n\nhttps://x.example',
    );
  });

  it('decodes entities, keeps escaped markup as text and drops comments', () => {
    expect(htmlToText('<p>A &amp; B &lt;b&gt; &#8364;5&nbsp;now<!-- hidden --></p>')).toBe(
      'A & B <b> €5 now',
    );
  });

  it('answers an empty text for an empty body', () => {
    expect(htmlToText('')).toBe('');
  });
});
