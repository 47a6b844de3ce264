import { defaultNoticePeriod } from '../document/build.ts';
import { lintRule, type LintContext } from './context.ts';

type Path = readonly (string | number)[];

/** Why each unstated fact matters, by the key it is written under. */
const explain: Record<string, (owner: string) => string> = {
  basis: (owner) => `The policy states no legal basis for ${owner}; GDPR Art. 13(1)(c) requires one for each purpose`,
  role: (owner) => `The policy does not say in what role ${owner} receives data (processor, controller, authority, ...)`,
  source: (owner) => `The policy does not say how ${owner} is obtained (from the user, automatically or from a third party)`,
  destinations: (owner) => `The policy does not name the countries or regions of ${owner}`,
  safeguard: (owner) => `The policy names no safeguard for ${owner} (adequacy decision, standard contractual clauses, ...); GDPR Art. 13(1)(f)`,
  access: (owner) => `The policy does not say whether access stops when a user disconnects ${owner}`,
  within: (owner) => `The policy gives no deadline for deleting data after a user disconnects ${owner}`,
  acceptance: () => 'The policy does not say how users accept a changed policy',
  noticePeriod: () => `The policy states no notice period for material changes; ${defaultNoticePeriod} is assumed`,
};

/**
 * Every `unstated` in the declarations is a fact the policy should state but does not:
 * report each one, so vagueness is visible rather than hidden.
 */
export const unstatedDeclaration = lintRule(
  {
    id: 'unstated-declaration',
    severity: 'warning',
    title: 'The policy text does not state a fact it should.',
    hint: 'Ask the policy owner; when the text states it, replace `unstated` with the value.',
    examples: { pass: "Once the policy owner confirms the basis and the text states it:" },
  },
  (context) => {
    const { document, parsed } = context;
    if (document.meta.noticePeriod === 'unstated') {
      context.report(explain.noticePeriod!(''), parsed.frontMatter?.locate(['noticePeriod']));
    }
    for (const [key, value] of Object.entries(document.declarations)) {
      const items: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
      for (const item of items) {
        if (typeof item === 'object' && item !== null) visit(context, item, ownerName(key, item), item, []);
      }
    }
  },
);

function visit(context: LintContext, root: object, owner: string, value: unknown, path: Path): void {
  if (value === 'unstated') {
    const key = String(path.at(-1));
    const origin = context.merged.origins.get(root);
    const place = origin ? origin.block.source.locate([...origin.path, ...path]) : undefined;
    const words = withinText(root, path);
    const reason = (explain[key] ?? ((name: string) => `The policy does not state \`${key}\` for ${name}`))(owner);
    context.report(words ? `${reason}; it says only "${words}"` : reason, place);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) visit(context, root, owner, child, [...path, Array.isArray(value) ? Number(key) : key]);
}

/** The policy's own words next to an unstated deadline, e.g. "a reasonable period". */
function withinText(root: object, path: Path): string | undefined {
  let parent: unknown = root;
  for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[segment];
  const text = (parent as { withinText?: unknown }).withinText;
  return typeof text === 'string' ? text : undefined;
}

function ownerName(key: string, item: object): string {
  const id = 'id' in item ? `\`${String(item.id)}\`` : '';
  const singular: Record<string, string> = {
    categories: 'category', purposes: 'purpose', recipients: 'recipient', transfers: 'international transfers',
    integrations: 'integration', retention: 'retention rule', changes: 'changes',
  };
  return `${singular[key] ?? key}${id ? ` ${id}` : ''}`;
}
