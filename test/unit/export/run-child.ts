// Run an exported script as a child process (node or python3) with a time bound; collects output.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runChild(command: string, file: string, env: Record<string, string>, timeoutMs: number): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(command, [file], { cwd: path.dirname(file), env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
