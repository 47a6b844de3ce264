import type { Declarations, Purpose, Recipient, References } from './policy.generated.ts';

/** Whether a list of references (`all`, or ids) names `id`. */
export const references = (list: References, id: string): boolean => list === 'all' || list.includes(id);

/**
 * Whether `recipient` receives the category `categoryId` for `purpose`: the recipient is
 * declared with the category and the purpose, and the purpose uses the category. The one
 * answer to "who receives this data, and why" for the site, the Art. 30 record and the store labels.
 */
export function receives(recipient: Pick<Recipient, 'categories' | 'purposes'>, categoryId: string, purpose: Pick<Purpose, 'id' | 'categories'>): boolean {
  return references(recipient.categories, categoryId) && references(recipient.purposes, purpose.id) && references(purpose.categories, categoryId);
}

/** The recipients who receive the category `categoryId` for at least one of the declared purposes. */
export function recipientsOf(declarations: Pick<Declarations, 'purposes' | 'recipients'>, categoryId: string): Recipient[] {
  return declarations.recipients.filter((recipient) => declarations.purposes.some((purpose) => receives(recipient, categoryId, purpose)));
}
