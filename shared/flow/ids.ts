/** Short random step ids (stable once created; unique within a flow). */
export function newStepId(existing: Iterable<string> = []): string {
  const taken = new Set(existing);
  for (;;) {
    const id = 's_' + Math.random().toString(36).slice(2, 8);
    if (!taken.has(id)) return id;
  }
}
