// Placeholder (created by the foundation work so the CLI builds): the real `crawlwright extract`
// is written by its owner and replaces this file wholesale.
export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('crawlwright extract: not implemented yet\n');
  return 2;
}
