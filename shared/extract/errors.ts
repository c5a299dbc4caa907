// Errors of the extractor.
//
// ExtractionError: the extraction as a whole fails (Crawl4AI raises out of `extract()`), or a
// pattern/selector uses something our engine cannot reproduce exactly. `path` names the schema
// location (`baseFields[0]`, `fields[2].fields[1].pattern`), `pyType` the Python exception class
// Crawl4AI raises in the same situation (AttributeError, KeyError, IndexError, SelectorSyntaxError,
// re.error), or "Unsupported" when we refuse rather than guess.
export class ExtractionError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly pyType: string,
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'ExtractionError';
  }
}

/** A Python exception raised while extracting one field (caught -> `default` inside `fields`). */
export class PyError extends Error {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
    this.name = pyType;
  }
}
