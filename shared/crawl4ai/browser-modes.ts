// BrowserConfig.text_mode and light_mode as Crawl4AI 0.9.2 applies them (browser_manager.py).
// text_mode: every new context aborts requests for these file extensions (`**/*.<ext>` routes),
// the launch gets the flags below, and _crawl_web skips wait_for_images,
// adjust_viewport_to_content and update_image_dimensions. light_mode: only launch flags (fewer
// background features). Note that `--disable-javascript` and `--disable-images` are not Chromium
// switches: JavaScript stays on in text_mode (checked with Chromium here).

export const TEXT_MODE_BLOCKED_EXTENSIONS = [
  'jpg', 'jpeg', 'png', 'gif', 'webp', 'svg', 'ico', 'bmp', 'tiff', 'psd',
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  'mp4', 'webm', 'ogg', 'avi', 'mov', 'wmv', 'flv', 'm4v', 'mp3', 'wav', 'aac', 'm4a', 'opus', 'flac',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx',
  'zip', 'rar', '7z', 'tar', 'gz',
  'xml', 'swf', 'wasm',
];

export const TEXT_MODE_FLAGS = [
  '--blink-settings=imagesEnabled=false',
  '--disable-remote-fonts',
  '--disable-images',
  '--disable-javascript',
  '--disable-software-rasterizer',
  '--disable-dev-shm-usage',
];

export const LIGHT_MODE_FLAGS = [
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-features=TranslateUI',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-sync',
  '--force-color-profile=srgb',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
];

/** The launch flags a flow's browser settings add (crawlwright run launches with them). */
export function modeFlags(b: { text_mode?: boolean; light_mode?: boolean } | undefined): string[] {
  return [...(b?.light_mode ? LIGHT_MODE_FLAGS : []), ...(b?.text_mode ? TEXT_MODE_FLAGS : [])];
}
