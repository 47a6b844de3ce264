import { renderReview, reviewChanges } from '../index.ts';

/** `policy review --base <ref>`: print the pull-request comment; exit 1 when a policy has errors or too low a version. */
export async function runReview(options: { base: string; date: string; format: 'markdown' | 'json' }, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  try {
    const reviews = await reviewChanges(process.cwd(), options.base, options.date);
    out(options.format === 'json' ? `${JSON.stringify(reviews, null, 2)}\n` : renderReview(reviews, options.base));
    const failing = reviews.some((review) => review.findings.some((finding) => finding.severity === 'error'));
    return failing ? 1 : 0;
  } catch (error) {
    err(`policy review: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
