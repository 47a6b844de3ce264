import { describe, expect, it } from 'vitest';
import { colors } from '../src/diagnostics/colors.ts';

describe('terminal colors', () => {
  it('styles with the ANSI codes the formatters printed before (those of picocolors), opening and closing each', () => {
    const on = colors(true);
    expect([on.bold('b'), on.dim('d'), on.red('r'), on.green('g'), on.yellow('y'), on.blue('u'), on.underline('l'), on.strikethrough('s')]).toEqual(['\x1b[1mb\x1b[22m', '\x1b[2md\x1b[22m', '\x1b[31mr\x1b[39m', '\x1b[32mg\x1b[39m', '\x1b[33my\x1b[39m', '\x1b[34mu\x1b[39m', '\x1b[4ml\x1b[24m', '\x1b[9ms\x1b[29m']);
    expect(on.green(on.underline('{+word+}'))).toBe('\x1b[32m\x1b[4m{+word+}\x1b[24m\x1b[39m');
  });

  it('leaves the text as it is when color is off, whatever the output is', () => {
    const off = colors(false);
    expect(Object.values(off).map((style) => style('text'))).toEqual(Array.from({ length: 8 }, () => 'text'));
  });
});
