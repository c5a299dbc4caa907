// Inline SVG icons: symbol glyphs such as ⌖ or ⧉ are missing from common system fonts and render
// as empty boxes, so icons that matter are drawn, not typed.
const common = { width: 14, height: 14, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': true } as const;

export function CrosshairIcon() {
  return (
    <svg {...common} className="icon">
      <circle cx="8" cy="8" r="5" />
      <path d="M8 1v4M8 11v4M1 8h4M11 8h4" />
    </svg>
  );
}

export function ExternalWindowIcon() {
  return (
    <svg {...common} className="icon">
      <rect x="1.5" y="4.5" width="10" height="10" rx="1" />
      <path d="M6 1.5h8.5V10M14.5 1.5 7.5 8.5" />
    </svg>
  );
}
