import { styleText } from 'node:util';

/** The styles the formatters use. */
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  underline(text: string): string;
  strikethrough(text: string): string;
}

/**
 * Terminal styles when `color` is on, the text as it is otherwise: the caller decides (the CLI
 * from its output descriptor and NO_COLOR), so no stream is looked at (util.styleText with
 * `validateStream: false`). Node's own styling, not picocolors: picocolors reads
 * `process.stdout.isTTY` when loaded, which makes process.stdout (node:net, node:tty and the
 * streams, some 7 ms of a warm `policy check` into a pipe) for a choice already made.
 */
export function colors(color: boolean): Colors {
  const style = (format: keyof Colors) => (text: string) => (color ? styleText(format, text, { validateStream: false }) : text);
  return { bold: style('bold'), dim: style('dim'), red: style('red'), green: style('green'), yellow: style('yellow'), blue: style('blue'), underline: style('underline'), strikethrough: style('strikethrough') };
}
