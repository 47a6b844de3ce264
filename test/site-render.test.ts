import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../src/check.ts';
import { fileFromBytes } from '../src/parse/read.ts';
import { renderSections } from '../src/site/render.ts';

const render = (body: string) => {
  const text = `---\nid: x\ntitle: X\nversion: 1.0.0\neffective: 2026-01-01\nupdated: 2026-01-01\nlocale: en\ncontroller:\n  name: X\n---\n\n# Policy\n\n${body}\n`;
  const { parsed } = checkPolicy(fileFromBytes('x.md', new TextEncoder().encode(text)));
  return renderSections(parsed!).map((section) => section.html).join('\n');
};

describe('the prose renderer the site uses', () => {
  it.each([
    ['a script element', '<script>alert(1)</script>Hello', /<script/i],
    ['an event handler', '<img src="x" onerror="alert(1)">', /onerror/i],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript:/i],
    ['an HTML javascript: link', '<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ['a data: URL', '[x](data:text/html,<script>alert(1)</script>)', /data:/i],
    ['a vbscript: link', '[x](vbscript:msgbox(1))', /vbscript:/i],
    ['a javascript: image', '![x](javascript:alert(1))', /javascript:/i],
    ['a reference-style javascript: link', '[x][1]\n\n[1]: javascript:alert(1)', /javascript:/i],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['inline styles', '<p style="background:url(javascript:alert(1))">x</p>', /style=/i],
    ['an SVG with a handler', '<svg onload="alert(1)"><circle /></svg>', /<svg|onload/i],
  ])('drops %s', (_name, markdown, forbidden) => {
    expect(render(markdown)).not.toMatch(forbidden);
  });

  it('keeps ordinary Markdown: emphasis, lists, safe links and tables', () => {
    const html = render('We **never** sell data.\n\n- one\n- two\n\n[Our site](https://example.com) and <mailto:a@example.com>\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<strong>never</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<a href="https://example.com">Our site</a>');
    expect(html).toContain('<table>');
    expect(html).toContain('<a href="mailto:a@example.com">');
  });

  it('leaves declarations out of the prose: they become tables', () => {
    expect(render('Text.\n\n```yaml policy\ncategories: []\n```')).toBe('<p>Text.</p>');
  });
});
