// virtual_scroll_config as Crawl4AI 0.9.2 does it (_handle_virtual_scroll, after wait_for and
// before before_retrieve_html): for feeds that recycle their rows (Twitter-like), the container is
// scrolled scroll_count times by scroll_by (its offsetHeight, the window's innerHeight, or a pixel
// count), waiting wait_after_scroll seconds each time. When its innerHTML was REPLACED (not the
// same, not a prefix of the new one) the previous HTML is kept as a chunk. At the end (scrollTop +
// clientHeight >= scrollHeight - 10) the current HTML is kept too — only when chunks exist, and
// only at the end: a loop stopped by scroll_count drops the rows shown last. With chunks, the
// container's innerHTML becomes the unique top-level elements of all chunks, in order, joined by
// "\n"; unique by innerText lower-cased without whitespace and non-word characters (of a
// detached div, so innerText is the text content). A missing container throws (Crawl4AI logs it
// and goes on).

export interface VirtualScroll {
  container_selector: string;
  scroll_count?: number;
  scroll_by?: 'container_height' | 'page_height' | number;
  wait_after_scroll?: number;
}

/** VirtualScrollConfig.to_dict(): every field, with the defaults filled in. */
export function virtualScrollDict(v: VirtualScroll): Required<VirtualScroll> {
  return { container_selector: v.container_selector, scroll_count: v.scroll_count ?? 10, scroll_by: v.scroll_by ?? 'container_height', wait_after_scroll: v.wait_after_scroll ?? 0.5 };
}

/** An async function expression taking the to_dict() object; returns {success, chunksCount, uniqueCount, replaced}. */
export const VIRTUAL_SCROLL = String.raw`async (config) => {
  const container = document.querySelector(config.container_selector);
  if (!container) throw new Error('Container not found: ' + config.container_selector);
  const by = typeof config.scroll_by === 'number' ? config.scroll_by : config.scroll_by === 'page_height' ? window.innerHeight : container.offsetHeight;
  const chunks = [];
  let before = container.innerHTML;
  for (let n = 1; n <= config.scroll_count; n++) {
    container.scrollTop += by;
    await new Promise((r) => setTimeout(r, config.wait_after_scroll * 1000));
    const now = container.innerHTML;
    if (now === before) console.log('Scroll ' + n + ': No change in content');
    else if (now.startsWith(before)) console.log('Scroll ' + n + ': New items appended');
    else {
      console.log('Scroll ' + n + ': Content replaced, capturing chunk');
      chunks.push(before);
    }
    before = now;
    if (container.scrollTop + container.clientHeight >= container.scrollHeight - 10) {
      console.log('Reached end of scrollable content at scroll ' + n);
      if (chunks.length > 0) chunks.push(now);
      break;
    }
  }
  if (chunks.length === 0) return { success: true, chunksCount: 0, uniqueCount: 0, replaced: false };
  const scratch = document.createElement('div');
  const seen = new Set();
  const unique = [];
  for (const chunk of chunks) {
    scratch.innerHTML = chunk;
    for (const el of Array.from(scratch.children)) {
      const key = el.innerText.toLowerCase().replace(/[\s\W]/g, '');
      if (seen.has(key)) continue;
      seen.add(key);
      unique.push(el.outerHTML);
    }
  }
  container.innerHTML = unique.join('\n');
  return { success: true, chunksCount: chunks.length, uniqueCount: unique.length, replaced: true };
}`;
