import type { PolicyDocument, References, RetentionRule } from '../model/policy.generated.ts';
import type { CompiledRetention, CompiledRules } from '../model/rules.generated.ts';
import { defaultNoticePeriod } from '../document/build.ts';

/**
 * Compile a checked policy document into the rules services read: references resolved,
 * `all` expanded to the ids it stands for, retention resolved per category. The result
 * is plain JSON, the content of `rules.json`.
 */
export function compileRules(document: PolicyDocument): CompiledRules {
  const { meta, declarations: d } = document;
  const categoryIds = d.categories.map((category) => category.id);
  const purposeIds = d.purposes.map((purpose) => purpose.id);
  const expand = (refs: References | undefined, all: readonly string[]) => (refs === undefined || refs === 'all' ? [...all] : [...refs]);

  const rules: CompiledRules = {
    format: 1,
    policy: meta.id,
    version: meta.version,
    effective: meta.effective,
    updated: meta.updated,
    locale: meta.locale,
    controller: meta.controller,
    noticePeriod:
      meta.noticePeriod === undefined || meta.noticePeriod === 'unstated'
        ? { duration: defaultNoticePeriod, stated: false }
        : { duration: meta.noticePeriod, stated: true },
    sourceHash: document.hash,
    categories: Object.fromEntries(
      d.categories.map((category) => [
        category.id,
        {
          label: category.label,
          examples: category.examples ?? [],
          source: category.source,
          from: category.from ?? [],
          special: category.special ?? false,
          ...(category.dpv ? { dpv: category.dpv } : {}),
        },
      ]),
    ),
    purposes: Object.fromEntries(
      d.purposes.map((purpose) => [
        purpose.id,
        {
          label: purpose.label,
          basis: purpose.basis,
          ...(purpose.interest ? { interest: purpose.interest } : {}),
          categories: expand(purpose.categories, categoryIds),
          ...(purpose.dpv ? { dpv: purpose.dpv } : {}),
        },
      ]),
    ),
    recipients: Object.fromEntries(
      d.recipients.map((recipient) => [
        recipient.id,
        {
          label: recipient.label,
          role: recipient.role,
          examples: recipient.examples ?? [],
          categories: expand(recipient.categories, categoryIds),
          purposes: expand(recipient.purposes, purposeIds),
          ...(recipient.condition ? { condition: recipient.condition } : {}),
          ...(recipient.dpv ? { dpv: recipient.dpv } : {}),
        },
      ]),
    ),
    retention: Object.fromEntries(categoryIds.map((id) => [id, retentionOf(id, d.retention)])),
    transfers: d.transfers.map((transfer) => ({
      destinations: transfer.destinations,
      categories: expand(transfer.categories, categoryIds),
      reasons: transfer.reasons ?? [],
      safeguard: transfer.safeguard,
      ...(transfer.condition ? { condition: transfer.condition } : {}),
    })),
    integrations: Object.fromEntries(
      d.integrations.map((integration) => [
        integration.id,
        {
          label: integration.label,
          provider: integration.provider,
          receives: integration.receives ?? [],
          categories: expand(integration.categories, categoryIds),
          uses: integration.uses,
          onDisconnect: {
            access: integration.onDisconnect.access,
            deletion: {
              action: integration.onDisconnect.deletion.action,
              within: integration.onDisconnect.deletion.within,
              ...(integration.onDisconnect.deletion.withinText ? { withinText: integration.onDisconnect.deletion.withinText } : {}),
              exceptions: integration.onDisconnect.deletion.exceptions ?? [],
            },
          },
          noSale: integration.noSale ?? false,
          disclosureExceptions: integration.disclosureExceptions ?? [],
          ...(integration.endorsement ? { endorsement: integration.endorsement } : {}),
        },
      ]),
    ),
    rights: {
      jurisdictions: d.rights?.jurisdictions ?? [],
      granted: Object.fromEntries((d.rights?.granted ?? []).map((right) => [right.id, { label: right.label, kinds: right.kinds }])),
    },
    minimumAge: d.children?.minimumAge ?? null,
    cookies: d.cookies ?? null,
    contact: d.contact ?? null,
    changes: d.changes ?? null,
    unstated: [],
  };
  rules.unstated = unstatedPointers(rules);
  return rules;
}

/** The rules naming a category win over rules for `all`; a category with none gets `none`. */
function retentionOf(category: string, rules: readonly RetentionRule[]): CompiledRetention[] {
  const specific = rules.filter((rule) => rule.categories !== 'all' && rule.categories.includes(category));
  const applicable = specific.length > 0 ? specific : rules.filter((rule) => rule.categories === 'all');
  if (applicable.length === 0) return [{ kind: 'none' }];
  return applicable.map((rule) => {
    const common = {
      ...(rule.afterwards ? { afterwards: rule.afterwards } : {}),
      ...(rule.exceptions ? { exceptions: rule.exceptions } : {}),
    };
    if (rule.period) return { kind: 'period', period: rule.period, ...common };
    if (rule.until) return { kind: 'event', event: rule.until.event, ...(rule.until.then ? { then: rule.until.then } : {}), ...common };
    if (rule.criteria?.length) return { kind: 'criteria', criteria: rule.criteria, ...common };
    return { kind: 'none', ...common };
  });
}

/** JSON Pointers of every `unstated` value, so services can see what the policy leaves open. */
function unstatedPointers(value: unknown, pointer = ''): string[] {
  if (value === 'unstated') return [pointer];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => unstatedPointers(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}
