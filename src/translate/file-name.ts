/** A translation file: `policy.<locale>.md` beside `policy.md` (a module of its own, so that naming one loads no parser). */
export const translationFile = /^policy\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/;
