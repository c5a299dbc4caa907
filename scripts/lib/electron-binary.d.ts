export function electronBinary(root: string): string | null;
export function hasDisplay(env?: Record<string, string | undefined>, platform?: string): boolean;
