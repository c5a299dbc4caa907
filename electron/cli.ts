// `crawlwright` command-line entry. Subcommand modules are imported lazily so that e.g.
// `crawlwright extract` never loads Playwright or the web server and starts fast.
// Each module in electron/cli/<cmd>.ts exports `main(argv): Promise<number>` (the exit code).
import { HELP, MAIN_HELP } from './cli/help.js';
import { packageVersion } from './paths.js';

type CommandModule = { main(argv: string[]): Promise<number> };

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  run: () => import('./cli/run.js'),
  validate: () => import('./cli/validate.js'),
  extract: () => import('./cli/extract.js'),
  export: () => import('./cli/export.js'),
  serve: () => import('./cli/serve.js'),
};

const wantsHelp = (argv: string[]) => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help');
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    const topic = cmd === 'help' ? rest[0] : undefined;
    process.stdout.write(topic && HELP[topic] ? HELP[topic] : MAIN_HELP);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === '-v' || cmd === '--version') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const load = Object.prototype.hasOwnProperty.call(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!load) {
    process.stderr.write(`error: unknown command ${JSON.stringify(cmd)}\n\n${MAIN_HELP}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    process.stdout.write(HELP[cmd]);
    return 0;
  }
  const mod = await load();
  return mod.main(rest);
}
