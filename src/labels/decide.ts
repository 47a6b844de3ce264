// Decides each app-store privacy-label answer from the declarations, and says which answers
// the declarations cannot decide. Pure: the writers (play-csv.ts, apple.ts, record.ts) only
// format what is decided here, so a wrong mapping or a wrong file format is fixed in one place.
import mappingFile from './mapping.json' with { type: 'json' };
import type { Category, PolicyDocument, Purpose, Recipient } from '../model/policy.generated.ts';
import { receives, references } from '../model/recipients.ts';

/** The stores whose forms we write. */
export type Store = 'apple' | 'googlePlay';

/** A store's row of the reviewed mapping: its value for each store. */
type StoreRow = Record<Store, string>;
interface Catalog { [code: string]: { label: string; xcprivacy?: string; group?: string } }

/** The reviewed mapping (src/labels/mapping.json), typed. */
export const mapping = {
  categoryTerms: mappingFile.categoryTerms as Record<string, StoreRow>,
  purposeTerms: mappingFile.purposeTerms as Record<string, StoreRow>,
  appleTypes: withoutSource(mappingFile.appleTypes) as Catalog,
  applePurposes: withoutSource(mappingFile.applePurposes) as Catalog,
  googlePlayTypes: withoutSource(mappingFile.googlePlayTypes) as Catalog,
  googlePlayPurposes: withoutSource(mappingFile.googlePlayPurposes) as Catalog,
};

function withoutSource(table: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(table).filter(([key]) => !key.startsWith('$')));
}

/** An answer the declarations cannot decide: where, for which stores, and what to declare. */
export interface Undecided {
  stores: Store[];
  /** The declared item the answer belongs to (a category, a purpose, `security`, `rights`), when there is one. */
  item?: object;
  /** The key to declare on that item. */
  key: string;
  /** What is missing and what to declare, in plain words. */
  message: string;
}

/** Apple's answers for one data type. */
export interface AppleAnswer { type: string; purposes: string[]; linked: boolean; tracking: boolean; categories: string[] }

/** Google Play's answers for one data type; `undefined` where undecided (written blank, never guessed). */
export interface PlayAnswer {
  type: string;
  categories: string[];
  shared: boolean | undefined;
  ephemeral: boolean | undefined;
  optional: boolean | undefined;
  collectionPurposes: string[] | undefined;
  sharingPurposes: string[] | undefined;
}

/** Every store answer of a policy, and what could not be decided. */
export interface StoreLabels {
  policy: string;
  version: string;
  apple: AppleAnswer[];
  googlePlay: PlayAnswer[];
  encryptedInTransit: boolean | undefined;
  deletionRequestUrl: string | undefined;
  undecided: Undecided[];
}

/**
 * Decide every store answer the declarations state. Nothing is guessed: a fact the policy
 * leaves `unstated` or undeclared, or a term the reviewed mapping does not cover, becomes an
 * `Undecided` saying what to declare, and the answer stays open.
 */
export function decideStoreLabels(document: PolicyDocument): StoreLabels {
  const { declarations } = document;
  const undecided: Undecided[] = [];
  const apple = new Map<string, AppleAnswer>();
  const play = new Map<string, PlayAnswer>();
  const reportedPurposes = new Set<Purpose>();

  for (const category of declarations.categories) {
    const name = `category \`${category.id}\``;
    const purposes = declarations.purposes.filter((purpose) => references(purpose.categories, category.id));
    if (purposes.length === 0) undecided.push({ stores: ['apple', 'googlePlay'], item: category, key: 'id', message: `No purpose uses ${name}: the stores ask why each data type is collected; add it to a purpose's \`categories\`` });
    const storePurposes = (store: Store): string[] | undefined => {
      const codes = new Set<string>();
      let complete = true;
      for (const purpose of purposes) {
        const code = purpose.dpv ? mapping.purposeTerms[purpose.dpv]?.[store] : undefined;
        if (code) codes.add(code);
        else {
          complete = false;
          if (!reportedPurposes.has(purpose)) {
            reportedPurposes.add(purpose);
            undecided.push({ stores: ['apple', 'googlePlay'], item: purpose, key: purpose.dpv ? 'dpv' : 'id', message: purpose.dpv ? `The \`dpv\` term ${purpose.dpv} of purpose \`${purpose.id}\` has no store purpose in the reviewed mapping: declare a mapped term (docs/store-labels.md) or add a reviewed row to src/labels/mapping.json` : `Purpose \`${purpose.id}\` has no \`dpv\` term, so its store purposes cannot be decided: declare one of the mapped terms listed in docs/store-labels.md` });
          }
        }
      }
      return complete && purposes.length > 0 ? [...codes].sort() : undefined;
    };

    const [appleType, playType] = storeTypes(category, undecided);
    const applePurposes = storePurposes('apple');
    const playPurposes = storePurposes('googlePlay');
    const linked = fact(category, 'linkedToIdentity', 'apple', 'whether it is linked to the user\'s identity', undecided);
    const tracking = fact(category, 'usedForTracking', 'apple', 'whether it is used for tracking', undecided);
    const optional = fact(category, 'optional', 'googlePlay', 'whether users may choose not to provide it', undecided);
    const ephemeral = fact(category, 'ephemeral', 'googlePlay', 'whether it is processed only ephemerally', undecided);
    const sharing = fact(category, 'sharing', 'googlePlay', 'whether it is shared with third parties or only processed by service providers', undecided);

    if (appleType) {
      const purposesHere = applePurposes;
      if (purposesHere && typeof linked === 'boolean' && typeof tracking === 'boolean') {
        const entry = apple.get(appleType) ?? { type: appleType, purposes: [], linked: false, tracking: false, categories: [] };
        // Two categories of one store type: the label must cover both, so it claims the wider answer.
        entry.purposes = [...new Set([...entry.purposes, ...purposesHere])].sort();
        entry.linked ||= linked;
        entry.tracking ||= tracking;
        entry.categories.push(category.id);
        apple.set(appleType, entry);
      }
    }
    if (playType) {
      const collection = playPurposes;
      const shared = sharing === undefined ? undefined : sharing === 'third-parties';
      const sharingPurposes = shared === false ? [] : shared === true ? sharedPurposes(category, declarations.recipients, purposes, undecided) : undefined;
      const entry = play.get(playType);
      const merged: PlayAnswer = entry
        ? { ...entry, categories: [...entry.categories, category.id], shared: either(entry.shared, shared), ephemeral: both(entry.ephemeral, typeof ephemeral === 'boolean' ? ephemeral : undefined), optional: both(entry.optional, typeof optional === 'boolean' ? optional : undefined), collectionPurposes: union(entry.collectionPurposes, collection), sharingPurposes: union(entry.sharingPurposes, sharingPurposes) }
        : { type: playType, categories: [category.id], shared, ephemeral: typeof ephemeral === 'boolean' ? ephemeral : undefined, optional: typeof optional === 'boolean' ? optional : undefined, collectionPurposes: collection, sharingPurposes };
      play.set(playType, merged);
    }
  }

  const security = declarations.security;
  const encrypted = security?.encryptedInTransit;
  if (typeof encrypted !== 'boolean') undecided.push({ stores: ['googlePlay'], ...(security ? { item: security } : {}), key: 'encryptedInTransit', message: encrypted === 'unstated' ? 'The policy does not state whether all data is encrypted in transit (Google Play asks): state it in the text, then declare `encryptedInTransit` under `security`' : 'Declare `encryptedInTransit` under `security`: Google Play asks whether all collected data is encrypted in transit' });
  const rights = declarations.rights;
  const url = rights?.deletionRequestUrl;
  if (url === undefined || url === 'unstated') undecided.push({ stores: ['googlePlay'], ...(rights ? { item: rights } : {}), key: 'deletionRequestUrl', message: url === 'unstated' ? 'The policy gives no address where users can ask for their data to be deleted (Google Play asks for one): state it in the text, then declare `deletionRequestUrl` under `rights`' : 'Declare `deletionRequestUrl` under `rights`: Google Play asks for the address where users can ask for their data to be deleted' });

  return {
    policy: document.meta.id,
    version: document.meta.version,
    apple: [...apple.values()].sort((a, b) => a.type.localeCompare(b.type)),
    googlePlay: [...play.values()].sort((a, b) => a.type.localeCompare(b.type)),
    encryptedInTransit: typeof encrypted === 'boolean' ? encrypted : undefined,
    deletionRequestUrl: url === undefined || url === 'unstated' ? undefined : url,
    undecided,
  };
}

/** The answers one store still lacks. */
export function undecidedFor(labels: StoreLabels, store: Store): Undecided[] {
  return labels.undecided.filter((entry) => entry.stores.includes(store));
}

function storeTypes(category: Category, undecided: Undecided[]): [apple: string | undefined, googlePlay: string | undefined] {
  if (!category.dpv && !category.storeTypes) {
    undecided.push({ stores: ['apple', 'googlePlay'], item: category, key: 'id', message: `Category \`${category.id}\` has no store data type: declare a mapped \`dpv\` term such as pd:EmailAddress, or \`storeTypes: { apple: ..., googlePlay: ... }\` (docs/store-labels.md)` });
    return [undefined, undefined];
  }
  return [storeType(category, 'apple', undecided), storeType(category, 'googlePlay', undecided)];
}

function storeType(category: Category, store: Store, undecided: Undecided[]): string | undefined {
  const catalog = store === 'apple' ? mapping.appleTypes : mapping.googlePlayTypes;
  const storeName = store === 'apple' ? 'Apple' : 'Google Play';
  const explicit = category.storeTypes?.[store];
  if (explicit !== undefined) {
    if (catalog[explicit]) return explicit;
    undecided.push({ stores: [store], item: category, key: 'storeTypes', message: `${explicit} is not one of the ${storeName} data types of the reviewed mapping: use one listed in docs/store-labels.md` });
    return undefined;
  }
  const mapped = category.dpv ? mapping.categoryTerms[category.dpv]?.[store] : undefined;
  if (mapped) return mapped;
  undecided.push({
    stores: [store], item: category, key: category.dpv ? 'dpv' : 'storeTypes',
    message: category.dpv
      ? `The \`dpv\` term ${category.dpv} of category \`${category.id}\` has no ${storeName} data type in the reviewed mapping: declare \`storeTypes: { ${store}: ... }\``
      : `Category \`${category.id}\` has no ${storeName} data type: declare \`storeTypes: { ${store}: ... }\` or a mapped \`dpv\` term`,
  });
  return undefined;
}

type Fact = 'linkedToIdentity' | 'usedForTracking' | 'optional' | 'ephemeral' | 'sharing';

function fact<K extends Fact>(category: Category, key: K, store: Store, question: string, undecided: Undecided[]): Exclude<Category[K], 'unstated'> | undefined {
  const value = category[key];
  const storeName = store === 'apple' ? 'Apple' : 'Google Play';
  if (value === undefined || value === 'unstated') {
    undecided.push({
      stores: [store], item: category, key,
      message: value === 'unstated'
        ? `The policy does not state, for category \`${category.id}\`, ${question} (${storeName} asks): state it in the text, then declare \`${key}\``
        : `Declare \`${key}\` on category \`${category.id}\`: ${storeName} asks ${question}`,
    });
    return undefined;
  }
  return value as Exclude<Category[K], 'unstated'>;
}

function sharedPurposes(category: Category, recipients: Recipient[], purposes: Purpose[], undecided: Undecided[]): string[] | undefined {
  // Third parties who receive the category for a purpose that uses it (`receives`).
  const thirdParties = recipients.filter((recipient) => recipient.role !== 'processor' && purposes.some((purpose) => receives(recipient, category.id, purpose)));
  if (thirdParties.length === 0) {
    undecided.push({ stores: ['googlePlay'], item: category, key: 'sharing', message: `Category \`${category.id}\` is declared shared with third parties, but no recipient other than a processor receives it: declare the recipient, with its purposes` });
    return undefined;
  }
  const codes = new Set<string>();
  for (const purpose of purposes) {
    if (!thirdParties.some((recipient) => receives(recipient, category.id, purpose))) continue;
    const code = purpose.dpv ? mapping.purposeTerms[purpose.dpv]?.googlePlay : undefined;
    if (!code) return undefined; // already reported as an undecided purpose
    codes.add(code);
  }
  return [...codes].sort();
}

const either = (a: boolean | undefined, b: boolean | undefined) => (a === true || b === true ? true : a === undefined || b === undefined ? undefined : false);
const both = (a: boolean | undefined, b: boolean | undefined) => (a === false || b === false ? false : a === undefined || b === undefined ? undefined : true);
const union = (a: string[] | undefined, b: string[] | undefined) => (a && b ? [...new Set([...a, ...b])].sort() : undefined);
