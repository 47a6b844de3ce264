// Rewrites test/fixtures/notices/*.md from what notify sends now. Review the diff!
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventsOf, goldensRoot, noticeCases, renderGolden } from '../test/notice-goldens.ts';

for (const input of noticeCases()) {
  const { events } = await eventsOf(input);
  const path = join(goldensRoot, `${input.name}.md`);
  await writeFile(path, renderGolden(input, events));
  console.log(`wrote ${path}`);
}
