import type { Declarations } from '../model/policy.generated.ts';
import { receives, recipientsOf } from '../model/recipients.ts';
import { escapeHtml } from '../notify/text.ts';

/** Where one kind of information goes: the purposes it is used for and who receives it. */
export interface CategoryFlow {
  id: string;
  label: string;
  purposes: string[];
  recipients: string[];
}

/** The data-flow picture: an SVG (no script) and, per category, the same facts in words. */
export interface DataFlow {
  svg: string;
  flows: CategoryFlow[];
}

const width = 960;
const column = 270;
const xs = [0, 345, 690] as const;
const lineHeight = 17;
const charsPerLine = 34;

/** Break a label into lines of about `charsPerLine` characters, at spaces. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= charsPerLine) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

interface Box {
  id: string;
  lines: string[];
  x: number;
  y: number;
  height: number;
}

function layout(items: { id: string; label: string }[], x: number, top: number): Box[] {
  let y = top;
  return items.map((item) => {
    const lines = wrap(item.label);
    const box = { id: item.id, lines, x, y, height: lines.length * lineHeight + 14 };
    y += box.height + 10;
    return box;
  });
}

const bottom = (boxes: Box[]) => Math.max(0, ...boxes.map((box) => box.y + box.height));
const middle = (box: Box) => box.y + box.height / 2;

function boxSvg(box: Box, kind: string): string {
  const text = box.lines.map((line, index) => `<tspan x="${box.x + 10}" y="${box.y + 20 + index * lineHeight}">${escapeHtml(line)}</tspan>`).join('');
  return `<rect class="${kind}" x="${box.x}" y="${box.y}" width="${column}" height="${box.height}" rx="6"/><text>${text}</text>`;
}

function curve(x1: number, y1: number, x2: number, y2: number): string {
  const bend = (x2 - x1) / 2;
  return `<path d="M${x1} ${y1.toFixed(1)}C${x1 + bend} ${y1.toFixed(1)} ${x2 - bend} ${y2.toFixed(1)} ${x2} ${y2.toFixed(1)}"/>`;
}

/**
 * The data-flow diagram of a version: kinds of information → purposes → recipients, with
 * transfers abroad. "All" (every category, every purpose) is drawn as one line from a bracket
 * round the whole column rather than a line from each box, so the picture stays readable.
 */
export function dataFlow(d: Declarations): DataFlow {
  const top = 34;
  const categories = layout(d.categories, xs[0], top);
  const purposes = layout(d.purposes, xs[1], top);
  const recipients = layout(d.recipients, xs[2], top);
  const transferLabel = d.transfers.length === 0 ? undefined : `Sent abroad: ${d.transfers.some((t) => t.destinations === 'unstated') ? 'countries not named' : d.transfers.flatMap((t) => (t.destinations === 'unstated' ? [] : t.destinations)).join(', ')}`;
  const transfer = transferLabel ? layout([{ id: 'transfers', label: transferLabel }], xs[2], bottom(recipients) + 24)[0] : undefined;
  const height = Math.max(bottom(categories), bottom(purposes), transfer ? transfer.y + transfer.height : bottom(recipients)) + 4;
  const edges: string[] = [];
  const brackets: string[] = [];
  const bracket = (boxes: Box[], x: number) => {
    const first = boxes[0]!;
    const y1 = first.y;
    const y2 = bottom(boxes);
    brackets.push(`<path class="bracket" d="M${x - 6} ${y1}H${x}V${y2}H${x - 6}"/>`);
    return (y1 + y2) / 2;
  };
  let allCategories: number | undefined;
  for (const purpose of purposes) {
    const declared = d.purposes.find((item) => item.id === purpose.id)!;
    if (declared.categories === 'all') {
      allCategories ??= bracket(categories, xs[0] + column + 12);
      edges.push(curve(xs[0] + column + 12, allCategories, purpose.x, middle(purpose)));
    } else {
      for (const id of declared.categories) {
        const from = categories.find((box) => box.id === id);
        if (from) edges.push(curve(from.x + column, middle(from), purpose.x, middle(purpose)));
      }
    }
  }
  let allPurposes: number | undefined;
  for (const recipient of recipients) {
    const declared = d.recipients.find((item) => item.id === recipient.id)!;
    // A line from each purpose the recipient receives some of its data for (`receives`), so
    // the picture says what the words below say; from the bracket when that is every purpose.
    const from = d.purposes.filter((purpose) => d.categories.some((category) => receives(declared, category.id, purpose)));
    if (from.length > 1 && from.length === d.purposes.length) {
      allPurposes ??= bracket(purposes, xs[1] + column + 12);
      edges.push(curve(xs[1] + column + 12, allPurposes, recipient.x, middle(recipient)));
    } else {
      for (const purpose of from) {
        const box = purposes.find((item) => item.id === purpose.id)!;
        edges.push(curve(box.x + column, middle(box), recipient.x, middle(recipient)));
      }
    }
  }
  if (transfer && recipients.length > 0) {
    const x = xs[2] + column + 12;
    const y = bracket(recipients, x);
    edges.push(`<path d="M${x} ${y.toFixed(1)}H${x + 8}V${middle(transfer).toFixed(1)}H${xs[2] + column}"/>`);
  }
  const heads = ['What we collect', 'What we use it for', 'Who receives it'].map((head, index) => `<text class="head" x="${xs[index]}" y="18">${head}</text>`).join('');
  const title = 'How your information flows: what we collect, what we use it for, and who receives it';
  const svg = [
    `<svg class="flow" viewBox="0 0 ${width + 24} ${height}" role="img" aria-labelledby="flow-title" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="flow-title">${title}. The same facts follow in words.</title>`,
    heads,
    `<g class="edges">${edges.join('')}${brackets.join('')}</g>`,
    categories.map((box) => boxSvg(box, 'category')).join(''),
    purposes.map((box) => boxSvg(box, 'purpose')).join(''),
    recipients.map((box) => boxSvg(box, 'recipient')).join(''),
    transfer ? boxSvg(transfer, 'transfer') : '',
    '</svg>',
  ].join('');
  return { svg, flows: flowsOf(d) };
}

/** Per category, the purposes that use it and the recipients who receive it for one of them ({@link recipientsOf}). */
function flowsOf(d: Declarations): CategoryFlow[] {
  return d.categories.map((category) => {
    const purposes = d.purposes.filter((purpose) => purpose.categories === 'all' || purpose.categories.includes(category.id));
    return { id: category.id, label: category.label, purposes: purposes.map((purpose) => purpose.label), recipients: recipientsOf(d, category.id).map((recipient) => recipient.label) };
  });
}
