/**
 * Where the derived English model comes from (see DerivedCoreModel in ./nlp.ts). The bundle
 * carries one beside its modules (build/cli/english-model.bin, written by `npm run build:cli`);
 * the sources carry none and read the package's JSON. The core reads no files: the program that
 * carries the model (src/cli/main.ts) provides a reader, which is called when the model loads.
 * A module of its own, so that providing it loads neither the language libraries nor the classifier.
 */

let reader: (() => Uint8Array | undefined) | undefined;

/** Tell the English model where its derived form is read from: `read` gives the file's bytes, or undefined when there is none. */
export function provideEnglishModelFile(read: () => Uint8Array | undefined): void {
  reader = read;
}

/** The derived model's bytes from the reader provided, or undefined when none was provided or it found no file. */
export function englishModelFile(): Uint8Array | undefined {
  return reader?.();
}
