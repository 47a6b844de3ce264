/** What a new policy starts from. */
export interface ScaffoldOptions {
  id: string;
  controller: string;
  title?: string | undefined;
  email?: string | undefined;
  /** Effective and updated date, YYYY-MM-DD. */
  date: string;
}

/**
 * A starter policy that passes `policy check`: every section a privacy notice needs, each
 * with its declaration block. Facts the editor must supply are `unstated`, so the check lists
 * them as warnings until they are written.
 */
export function scaffoldPolicy(options: ScaffoldOptions): string {
  const title = options.title ?? `Privacy Policy for ${options.controller}`;
  const yaml = (text: string) => JSON.stringify(text);
  const contact = options.email
    ? `Write to ${options.email}.\n\n\`\`\`yaml policy\ncontact:\n  channels:\n    - type: email\n      value: ${yaml(options.email)}\n\`\`\``
    : 'Write how to contact us here.\n\n```yaml policy\ncontact:\n  channels: []\n```';
  return `---
id: ${options.id}
title: ${yaml(title)}
version: 0.1.0
effective: ${options.date}
updated: ${options.date}
locale: en
controller:
  name: ${yaml(options.controller)}
noticePeriod: P30D
---

# Privacy Policy

This policy explains what personal information ${options.controller} collects, why, who receives it and how long it is kept.

## Information We Collect

We collect the contact details you give us when you create an account.

\`\`\`yaml policy
categories:
  - id: contact
    label: Contact details
    examples: [name, email address]
    source: [provided]
\`\`\`

## How We Use Your Information

We use your contact details to provide the service.

\`\`\`yaml policy
purposes:
  - id: provide-service
    label: Provide the service
    basis: unstated
    categories: [contact]
\`\`\`

## Information Sharing

We do not share your information with anyone else.

\`\`\`yaml policy
recipients: []
\`\`\`

## Data Retention

We keep your contact details until you delete your account.

\`\`\`yaml policy
retention:
  - categories: [contact]
    until:
      event: account-deletion
\`\`\`

## Your Rights

You can ask for a copy of your data, have it corrected or deleted, and withdraw any consent you gave.

\`\`\`yaml policy
rights:
  jurisdictions: [EEA]
  granted:
    - id: access
      label: Access your data
      kinds: [access]
    - id: rectification
      label: Correct your data
      kinds: [rectification]
    - id: erasure
      label: Delete your data
      kinds: [erasure]
    - id: withdraw-consent
      label: Withdraw consent
      kinds: [withdraw-consent]
\`\`\`

## Contact Us

${contact}
`;
}
