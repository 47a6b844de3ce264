// The one place that reaches into yaml-language-server's internals. Its public entry gives the
// language service; the document cache it fills on every request is internal, module-wide and
// never emptied, so the editor clears it itself. A new yaml-language-server release that moves
// the cache breaks this file only.
import { yamlDocumentsCache } from 'yaml-language-server/out/src/languageservice/parser/yaml-documents.js';

export { getLanguageService, type LanguageService } from 'yaml-language-server';

/** Forget every document yaml-language-server has parsed. */
export function clearYamlDocuments(): void {
  yamlDocumentsCache.clear();
}

/** How many parsed documents yaml-language-server holds now. */
export function cachedYamlDocuments(): number {
  return (yamlDocumentsCache as unknown as { cache: Map<string, unknown> }).cache.size;
}
