// Names offered by the {{variable}} completion in code editors. Plain module (no Monaco import) so
// the app can update it before Monaco is loaded.
let names: string[] = [];

export function setFlowVariableNames(next: string[]): void {
  names = [...new Set(next)].sort();
}

export function flowVariableNames(): string[] {
  return names;
}
