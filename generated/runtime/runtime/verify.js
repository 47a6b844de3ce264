// Compares the rules hashes an installed package carries with the ones a policy's site
// publishes in /<id>/versions.json. Pure and offline: the caller fetches or reads the manifest.
/**
 * Compare a package's rules hashes (version → SHA-256 of its rules.json) with a published
 * manifest, given as parsed JSON or as its text. Never throws on a malformed manifest: it
 * reports it as a problem.
 */
export function verifyAgainst(policy, hashes, manifest) {
    const result = { ok: false, matched: [], problems: [], newer: [] };
    let published = manifest;
    if (typeof manifest === 'string') {
        try {
            published = JSON.parse(manifest);
        }
        catch (error) {
            result.problems.push({ version: '*', reason: `the manifest is not JSON: ${error.message}` });
            return result;
        }
    }
    if (!isPublishedVersions(published)) {
        result.problems.push({ version: '*', reason: 'the manifest has no "policy" name and "versions" list of { version, rulesSha256 }' });
        return result;
    }
    if (published.policy !== policy) {
        result.problems.push({ version: '*', reason: `the manifest is for policy "${published.policy}", this package is "${policy}"` });
        return result;
    }
    const site = new Map(published.versions.map((entry) => [entry.version, entry.rulesSha256]));
    for (const [version, hash] of Object.entries(hashes)) {
        const expected = site.get(version);
        if (expected === undefined)
            result.problems.push({ version, reason: `version ${version} is in the package but not published on the site` });
        else if (expected !== hash)
            result.problems.push({ version, reason: `version ${version}'s rules differ: the package has sha256 ${hash}, the site publishes ${expected}` });
        else
            result.matched.push(version);
    }
    result.newer = [...site.keys()].filter((version) => hashes[version] === undefined);
    result.ok = result.problems.length === 0;
    return result;
}
function isPublishedVersions(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const { policy, versions } = value;
    return typeof policy === 'string' && Array.isArray(versions) && versions.every((entry) => typeof entry === 'object' && entry !== null && typeof entry.version === 'string' && typeof entry.rulesSha256 === 'string');
}
