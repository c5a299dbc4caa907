// Placeholder (created by the foundation work so the CLI builds): the real `crawlwright export`
// is written by its owner and replaces this file wholesale.
export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('crawlwright export: not implemented yet\n');
  return 2;
}
