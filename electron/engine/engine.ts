// Placeholder: owned by the engine work. The Engine owns the browser, the sessions and the runner.
export interface EngineOptions {
  /** Explicit browser executable (setting / --browser); otherwise discovered. */
  browserPath?: string;
  artifactsDir: string;
  emit: import('../api/services.js').Emit;
  /** Built-in variables ({{demo_url}}). */
  builtinVars?: Record<string, string>;
}

export class Engine {
  constructor(readonly options: EngineOptions) {}
  async close(): Promise<void> {}
}
