// Size limits shared by every side, so they agree: a flow text over MAX_FLOW_BYTES is refused with
// a clear error when opened, saved, autosaved or run, and a WebSocket message can always carry a
// flow text of that size (JSON-escaping at most doubles a valid flow; the renderer's transport
// refuses a bigger message itself instead of letting the server drop the socket).
export const MAX_FLOW_BYTES = 20 * 1024 * 1024;
export const MAX_MESSAGE_BYTES = 2 * MAX_FLOW_BYTES + 1024 * 1024;

export const formatBytes = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`);

// A WebSocket client that does not read its messages must not make the server buffer without
// bound (electron/api/server.ts). Once more than CLIENT_QUEUE_SOFT_BYTES behind, it has
// CLIENT_QUEUE_GRACE_MS to catch up and may be sent at most another CLIENT_QUEUE_SOFT_BYTES
// meanwhile; past either it is disconnected with close code CLOSE_TOO_SLOW.
export const CLIENT_QUEUE_SOFT_BYTES = 8 * 1024 * 1024;
export const CLIENT_QUEUE_GRACE_MS = 5_000;
export const CLOSE_TOO_SLOW = 4008;
