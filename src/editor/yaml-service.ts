import { createHash } from 'node:crypto';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextMode, type CompletionItem, type CompletionList, type Hover, type Position } from 'vscode-languageserver-types';
import { parseDocument } from 'yaml';
import { prefixAt, regionAt, regionText, toLines, yamlRegions, yamlView, type RegionKind, type YamlRegion } from './regions.ts';
import { policySchema } from '../validate/schemas.ts';
import { clearYamlDocuments, getLanguageService, type LanguageService } from './yaml-language-server.ts';

type Schema = Record<string, unknown>;

/** Schemas kept for the YAML language server, and documents whose reading is kept. */
const maxSchemas = 16;
const maxDocuments = 16;


/** The `$defs` entry describing each kind of region. */
const definitionOf: Record<RegionKind, string> = {
  'front-matter': 'frontMatter',
  'translation-front-matter': 'translationFrontMatter',
  declarations: 'declarationBlock',
  labels: 'labelsBlock',
};

/** Ids declared in a policy file, with their labels, offered where a declaration refers to them. */
export interface DeclaredIds {
  categories: Map<string, string>;
  purposes: Map<string, string>;
}

/**
 * Where a declaration refers to other declarations, as [definition, property path, kind]:
 * these get the file's own ids as completion values.
 */
const referenceFields: [string, string[], keyof DeclaredIds][] = [
  ['purpose', ['categories'], 'categories'],
  ['recipient', ['categories'], 'categories'],
  ['recipient', ['purposes'], 'purposes'],
  ['retentionRule', ['categories'], 'categories'],
  ['transfer', ['categories'], 'categories'],
  ['integration', ['categories'], 'categories'],
  ['cookies', ['categories'], 'categories'],
];

/**
 * The schema for one kind of region. In declaration blocks, fields that refer to categories or
 * purposes list the ids the file declares, so completion offers `contact-details`, not just
 * "a string". Only completion and hover read this schema: `policy check` validates with the
 * unmodified one.
 */
export function regionSchema(kind: RegionKind, ids?: DeclaredIds): Schema {
  const defs = structuredClone(policySchema.$defs);
  if (kind === 'declarations' && ids) {
    for (const [name, values] of Object.entries(ids) as [keyof DeclaredIds, Map<string, string>][]) {
      if (values.size === 0) continue;
      defs[`${name}Reference`] = {
        anyOf: [
          { const: 'all', description: `Every declared ${name === 'categories' ? 'category' : 'purpose'}.` },
          { type: 'array', uniqueItems: true, items: { enum: [...values.keys()], enumDescriptions: [...values.values()] } },
        ],
      };
    }
    for (const [definition, path, name] of referenceFields) {
      if (!defs[`${name}Reference`]) continue;
      const property = path.reduce<Schema>((node, key) => (node.properties as Record<string, Schema>)[key]!, defs[definition]!);
      property.$ref = `#/$defs/${name}Reference`;
    }
    if (ids.purposes.size > 0) {
      const use = ((defs.integration!.properties as Record<string, Schema>).uses!.items as Schema).properties as Record<string, Schema>;
      use.purpose = { description: use.purpose!.description, enum: [...ids.purposes.keys()], enumDescriptions: [...ids.purposes.values()] };
    }
  }
  markdownDocs(defs);
  return { $schema: policySchema.$schema, $ref: `#/$defs/${definitionOf[kind]}`, $defs: defs };
}

/**
 * Shape the schema's documentation for editors: descriptions use Markdown code spans, so
 * hovers should render them, not escape them; titles are TypeScript type names
 * (`TranslationFrontMatter`), so hovers and completion get them as words ("Translation front matter").
 */
function markdownDocs(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(markdownDocs);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Schema;
  if (typeof schema.title === 'string') schema.title = words(schema.title);
  if (typeof schema.description === 'string') schema.markdownDescription ??= schema.description;
  if (Array.isArray(schema.enumDescriptions)) schema.markdownEnumDescriptions ??= schema.enumDescriptions;
  Object.values(schema).forEach(markdownDocs);
}

function words(typeName: string): string {
  const spaced = typeName.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * The category and purpose ids a policy file declares, read leniently from every declaration
 * block that parses, so completion keeps working while another block is half-written.
 */
export function declaredIds(text: string | readonly string[], regions: readonly YamlRegion[]): DeclaredIds {
  const ids: DeclaredIds = { categories: new Map(), purposes: new Map() };
  const lines = toLines(text);
  for (const region of regions) {
    if (region.kind !== 'declarations') continue;
    let data: unknown;
    try {
      // No aliases: a few lines of YAML must not expand into millions of nodes.
      data = parseDocument(regionText(lines, region), { uniqueKeys: false, logLevel: 'silent' }).toJS({ maxAliasCount: 0 });
    } catch {
      continue;
    }
    if (!data || typeof data !== 'object') continue;
    for (const key of ['categories', 'purposes'] as const) {
      const list = (data as Record<string, unknown>)[key];
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        const { id, label } = (item ?? {}) as { id?: unknown; label?: unknown };
        if (typeof id === 'string' && id !== '') ids[key].set(id, typeof label === 'string' ? label : id);
      }
    }
  }
  return ids;
}

/** Aliases a region may use before completion and hover give up on it (as `policy check` does). */
const maxAliases = 100;

/** What a request is answered on: the YAML view of the region under the cursor. */
interface View {
  document: TextDocument;
  region: YamlRegion;
  /** The Markdown line's own prefix when it is not blank (quote markers), to repeat on inserted lines. */
  quote: string;
}

/** What was read from one text of a document. */
interface Reading {
  text: string;
  lines: readonly string[];
  regions: YamlRegion[];
  schemas: Map<RegionKind, string>;
  /** Regions that expand too many aliases to hand to the YAML language server. */
  refused: Set<YamlRegion>;
}

/** Options of {@link PolicyYamlService}. */
export interface PolicyYamlServiceOptions {
  /** Hears of failures inside the YAML language server, which then answer nothing. */
  onError?: (error: unknown) => void;
  /** The YAML language service to use (tests give a failing one); by default Red Hat's. */
  languageService?: (schemaRequest: (uri: string) => Promise<string>) => LanguageService;
}

/**
 * Completion and hover for the YAML inside policy Markdown, answered by the YAML language
 * server (Red Hat's `yaml-language-server`) against `schema/policy.schema.json`. The YAML
 * language server cannot read Markdown itself, so each request is put to it on a YAML view of
 * the one region under the cursor ({@link yamlView}), whose coordinates are the file's.
 */
export class PolicyYamlService {
  readonly #service: LanguageService;
  readonly #onError: (error: unknown) => void;
  /** Schema texts by URI, least recently used first; a URI names its inputs (a hash), so the service's cache is never stale. */
  readonly #schemas = new Map<string, string>();
  /** The schema URI for each YAML view: one view per document and kind of region, so the service's caches stay bounded. */
  readonly #schemaOf = new Map<string, string>();
  #version = 0;
  /** The last text seen per document, with what was read from it: completion and hover often ask about the same text. */
  readonly #read = new Map<string, Reading>();

  constructor(options: PolicyYamlServiceOptions = {}) {
    this.#onError = options.onError ?? (() => {});
    const schemaRequest = async (uri: string) => {
      const text = this.#schemas.get(uri);
      if (text === undefined) throw new Error(`no schema at ${uri}`);
      return text;
    };
    this.#service = options.languageService?.(schemaRequest) ?? getLanguageService({ schemaRequestService: schemaRequest, workspaceContext: { resolveRelativePath: (path) => path } });
    this.#service.configure({ validate: false, hover: true, completion: true, hoverSchemaSource: false, yamlVersion: '1.2', schemas: [] });
    this.#service.registerCustomSchemaProvider(async (uri) => this.#schemaOf.get(uri) ?? []);
  }

  /** Completion items at a position of a policy file, or undefined outside its YAML. */
  async complete(uri: string, text: string, position: Position): Promise<CompletionList | undefined> {
    const view = this.#view(uri, text, position.line);
    if (!view) return undefined;
    return this.#ask(undefined, async () => {
      const list = await this.#service.doComplete(view.document, position, false);
      if (view.quote) for (const item of list.items) requote(item, view.quote);
      return list;
    });
  }

  /** Hover documentation at a position of a policy file, or null outside its YAML. */
  async hover(uri: string, text: string, position: Position): Promise<Hover | null> {
    const view = this.#view(uri, text, position.line);
    if (!view) return null;
    return this.#ask(null, async () => {
      const hover = await this.#service.doHover(view.document, position);
      // An unclosed quote runs on through the blanked lines of the view: keep the range in the region.
      const { endLine } = view.region;
      if (hover?.range && hover.range.end.line > endLine) {
        hover.range.end = { line: endLine, character: view.document.getText({ start: { line: endLine, character: 0 }, end: { line: endLine + 1, character: 0 } }).replace(/\r?\n$/, '').length };
      }
      return hover;
    });
  }

  /** Put one question to the YAML language server: half-typed YAML can trip it, and the editor must keep working. */
  async #ask<T, F>(fallback: F, question: () => Promise<T>): Promise<T | F> {
    try {
      return await question();
    } catch (error) {
      this.#onError(error);
      return fallback;
    } finally {
      forgetParsedViews();
    }
  }

  /** Drop what was kept for a document the editor closed. */
  forget(uri: string): void {
    this.#read.delete(uri);
    for (const view of this.#schemaOf.keys()) if (view.startsWith(`${uri}.`)) this.#schemaOf.delete(view);
  }

  #view(uri: string, text: string, line: number): View | undefined {
    let read = this.#read.get(uri);
    if (read?.text !== text) {
      read = { text, lines: toLines(text), regions: yamlRegions(text, decodeURIComponent(uri)), schemas: new Map(), refused: new Set() };
      this.#read.set(uri, read);
      // Only the open documents matter; keep a handful.
      if (this.#read.size > maxDocuments) this.#read.delete(this.#read.keys().next().value!);
    }
    const region = regionAt(read.regions, line);
    if (!region || read.refused.has(region) || this.#aliasBomb(read, region)) return undefined;
    let schemaUri = read.schemas.get(region.kind);
    // Another document's schemas may have pushed this one out since it was built.
    if (!schemaUri || !this.#schemas.has(schemaUri)) {
      const ids = region.kind === 'declarations' ? declaredIds(read.lines, read.regions) : undefined;
      // Most edits leave the ids as they were: name the schema by its inputs and build it once.
      const inputs = JSON.stringify([region.kind, ids && [...ids.categories], ids && [...ids.purposes]]);
      schemaUri = `policy-schema:///${region.kind}/${createHash('sha256').update(inputs).digest('hex').slice(0, 16)}.json`;
      read.schemas.set(region.kind, schemaUri);
      if (!this.#schemas.has(schemaUri)) this.#schemas.set(schemaUri, JSON.stringify(regionSchema(region.kind, ids)));
    }
    // Least recently used goes first when ids change as the editor types.
    const schema = this.#schemas.get(schemaUri)!;
    this.#schemas.delete(schemaUri);
    this.#schemas.set(schemaUri, schema);
    while (this.#schemas.size > maxSchemas) {
      const oldest = this.#schemas.keys().next().value!;
      this.#schemas.delete(oldest);
      this.#service.resetSchema(oldest);
    }
    const viewUri = `${uri}.${region.kind}.yaml`;
    this.#schemaOf.set(viewUri, schemaUri);
    const lineText = read.lines[line] ?? '';
    const prefix = lineText.slice(0, prefixAt(region, line));
    // Like an editor's adjustIndentation, continuation lines get the line's own YAML indentation after the markers.
    const indentation = /^[ \t]*/.exec(lineText.slice(prefix.length))![0];
    return { document: TextDocument.create(viewUri, 'yaml', ++this.#version, yamlView(read.lines, region)), region, quote: prefix.trim() === '' ? '' : prefix + indentation };
  }

  /** True (and remembered) when a region expands more aliases than `policy check` accepts: the YAML language server would expand them all. */
  #aliasBomb(read: Reading, region: YamlRegion): boolean {
    const yaml = regionText(read.lines, region);
    if (!yaml.includes('*')) return false;
    try {
      parseDocument(yaml, { uniqueKeys: false, logLevel: 'silent' }).toJS({ maxAliasCount: maxAliases });
      return false;
    } catch {
      read.refused.add(region);
      return true;
    }
  }
}

/**
 * The YAML language server keeps every document it parsed, by URI, for the life of the
 * process. Each request here is a new version of its view, never served from that cache, so
 * keeping them would only grow the heap with every document opened.
 */
function forgetParsedViews(): void {
  clearYamlDocuments();
}

/**
 * Completion text spanning lines must repeat the quote markers (`> `) of a block inside a
 * quote, or the inserted lines fall out of the quote and out of the block.
 */
function requote(item: CompletionItem, quote: string): void {
  const fix = (text: string) => text.replace(/\n/g, `\n${quote}`);
  if (item.insertText?.includes('\n')) item.insertText = fix(item.insertText);
  if (item.textEdit && item.textEdit.newText.includes('\n')) item.textEdit.newText = fix(item.textEdit.newText);
  // As written: the editor must not re-indent the lines after the markers.
  item.insertTextMode = InsertTextMode.asIs;
}
