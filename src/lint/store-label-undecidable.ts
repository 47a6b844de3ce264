import { decideStoreLabels } from '../labels/decide.ts';
import { lintRule } from './context.ts';

/** The keys whose presence says a policy describes an app in the stores' terms. */
const storeKeys = ['linkedToIdentity', 'usedForTracking', 'optional', 'ephemeral', 'sharing', 'storeTypes'] as const;

/**
 * Once a policy declares any fact the app stores ask, report every store answer its
 * declarations still cannot decide, at the declaration, saying what to declare. A policy that
 * declares none is not reported here: `policy build` lists its open answers in `to-declare.md`.
 */
export const storeLabelUndecidable = lintRule(
  {
    id: 'store-label-undecidable',
    severity: 'warning',
    title: 'An app-store privacy label answer cannot be decided from the declarations.',
    hint: 'Declare what the message names, as the policy text states it; never fill in what the text does not say.',
    examples: { pass: 'With every fact the stores ask declared:' },
  },
  (context) => {
    const { document } = context;
    const declares = document.declarations.categories.some((category) => storeKeys.some((key) => category[key] !== undefined))
      || document.declarations.security?.encryptedInTransit !== undefined || document.declarations.rights?.deletionRequestUrl !== undefined;
    if (!declares) return;
    for (const entry of decideStoreLabels(document).undecided) {
      const origin = entry.item ? context.merged.origins.get(entry.item) : undefined;
      const present = entry.item !== undefined && entry.key in entry.item;
      // An absent key is reported at its item (a single declaration such as `security` at its key).
      const place = origin ? origin.block.source.locate(present ? [...origin.path, entry.key] : origin.path, !present && origin.path.length === 1) : undefined;
      context.report(entry.message, place);
    }
  },
);
