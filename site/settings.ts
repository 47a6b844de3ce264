// Site settings a company chooses when it publishes its policies.

/**
 * How facts the policy leaves unstated look: `plain` (the default) says "Not stated in the
 * policy" in ordinary muted text, honest without alarm; `flagged` adds a visible marker for
 * companies that want their gaps to stand out. Set with POLICY_SITE_UNSTATED at build time.
 */
export type UnstatedStyle = 'plain' | 'flagged';

const requested = process.env.POLICY_SITE_UNSTATED;
export const unstatedStyle: UnstatedStyle = requested === 'flagged' ? 'flagged' : 'plain';
