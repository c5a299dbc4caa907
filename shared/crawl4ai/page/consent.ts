// remove_consent_popups as Crawl4AI 0.9.2 does it (js_snippet remove_consent_popups.js, run by
// AsyncPlaywrightCrawlerStrategy.remove_consent_popups after process_iframes and before
// remove_overlay_elements). The selector tables are Crawl4AI's (the CMPs it knows); the steps:
// 1. click the first visible accept button of the CMP list, else of the generic list (300 ms after
//    a click); else the first visible button-like element whose trimmed text (< 40 chars) matches
//    an accept pattern; else an accept button in the Usercentrics / Axeptio shadow roots; else a
//    rendered accept button inside a same-origin CMP iframe;
// 2. call the CMP APIs that exist (TCF addEventListener, Didomi, Cookiebot, Osano, Klaro);
// 3. wait 500 ms, then remove every match of the container list (visible or not);
// 4. remove CMP iframes — or their parent, when it has at most 2 children and is fixed, absolute
//    or has z-index > 999;
// 5. clear body/html overflow, position, margin-right, padding-right and the CMPs' scroll-lock
//    classes. Then Crawl4AI waits 500 ms.
// Reference: the stored unclecode/crawl4ai copy (commit 1a597cb); a later fork adds text patterns
// in other languages and skips the 500 ms pause when nothing was clicked (not 0.9.2, as far as
// could be checked: forks of that time have this version).

export const CONSENT_ACCEPT_SELECTORS = [
  '#onetrust-accept-btn-handler', '#accept-recommended-btn-handler',
  '#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll', '#CybotCookiebotDialogBodyButtonAccept', '#CybotCookiebotDialogBodyLevelButtonAccept',
  '#didomi-notice-agree-button', '.didomi-button-highlight',
  '.qc-cmp2-summary-buttons button[mode="primary"]',
  '.sp_choice_type_11', '.sp_choice_type_ACCEPT_ALL',
  '.fc-button.fc-cta-consent.fc-primary-button', '.fc-cta-consent', '.fc-confirm-choices',
  '#truste-consent-button', '.truste_popframe .pdynamicbutton .call',
  '.cmpboxbtnyes', '#cmpwelcomebtnyes', '.cmpboxbtnyescustomchoices',
  '.osano-cm-accept-all', '.osano-cm-accept',
  '#iubenda-cs-accept-btn', '.iubenda-cs-accept-btn',
  '.cmplz-btn.cmplz-accept',
  '.fides-accept-all-button', '#fides-banner .fides-accept-all-button',
  '.cky-btn-accept', '[data-cky-tag="accept-button"]',
  '.klaro .cm-btn-accept-all', '.klaro .cm-btn-success', '.klaro .cookie-notice .cm-btn-success',
  '[data-tid="banner-accept"]',
  'button[data-cookiefirst-action="accept"]',
  '#cookiescript_accept',
  'a[data-cookie-accept-all]', '.brlbs-btn-accept-all',
  '#ccc-recommended-settings', '#ccc-notify-accept', '.ccc-accept-button',
  '.coi-banner__accept',
  '#_evidon-accept-button',
  'button#axeptio_btn_acceptAll',
  '#hs-eu-confirmation-button',
  '#lanyard_root button[class*="confirmButton"]',
  '.moove-gdpr-infobar-allow-all',
  '.cc-nb-okagree',
  '#tarteaucitronPersonalize2', '.tarteaucitronAllow',
  '.ch2-allow-all-btn',
  '#cn-accept-cookie',
  '.eu-cookie-compliance-banner .agree-button', '.eu-cookie-compliance-banner .accept-all',
  '#gdpr-cookie-consent-bar #cookie_action_accept',
  '[data-cli_action="accept"]',
  '#shopify-pc__banner__btn-accept',
  '[data-hook="ccsu-banner-accept"]',
  '[fs-consent-element="allow"]', '[fs-cc="banner"] [fs-cc="allow"]',
  '#pandectes-banner .cc-allow',
  '#cl-consent [data-role="b_agree"]',
  '.snigel-cmp-framework #accept-choices',
  '.cassie-accept-all',
  '.fast-cmp-home-accept button',
  '#acceptAllMain',
  '#pt-accept-all',
  '#unic-agree',
  '#ez-accept-all',
  '#transcend-consent-manager .inner-container button',
  '#cf_consent-buttons__accept-all',
  '#s-all-bn',
  '.cm__btn[data-role="all"]',
  '#lm-accept-all',
  '#catapultCookie',
  '[data-name="mediavine-gdpr-cmp"] [format="primary"]',
  '.isense-cc-allow',
  '#adopt-accept-all-button',
  'button#acceptAllCookieButton',
  '#kc-acceptAndHide',
  '#modalConfirmBtn.gravitoCMP-button',
  '#ct-ultimate-gdpr-cookie-accept',
  '[data-hu-action="cookies-notice-consent-choices-3"]',
  '.overlay_bc_banner *[data-cookie-accept-all]',
  '#bnp_btn_accept',
  '#cookie-consent-banner #accept-button',
  'button[data-controller="cookie-alert/extended/button/accept"]',
  'body.cookies-request #cookie-bar .allow-cookies',
  '.rcb-banner-cta-accept-all',
];

export const CONSENT_GENERIC_ACCEPT_SELECTORS = [
  'button[id*="accept" i]', 'button[class*="accept-all" i]', 'button[class*="acceptAll" i]', 'a[id*="accept" i]',
  'button[id*="agree" i]', 'button[class*="agree" i]', 'button[class*="allow-all" i]', 'button[class*="allowAll" i]',
  'button[data-action="accept"]', 'button[data-action="accept-all"]', 'button[data-gdpr="accept"]', 'button[data-consent="accept"]',
];

/** Accept-button texts (JS regex sources, flag i). */
export const CONSENT_ACCEPT_TEXTS = [
  String.raw`^accept\s*(all)?(\s*cookies)?$`,
  String.raw`^allow\s*(all)?(\s*cookies)?$`,
  String.raw`^i\s*agree$`,
  String.raw`^agree(\s*(and|&)\s*(close|continue))?$`,
  String.raw`^got\s*it[!]?$`,
  String.raw`^consent$`,
  String.raw`^(accept|agree)\s*&?\s*close$`,
];

export const CONSENT_BUTTON_LIKE = 'button, a[role="button"], [role="button"], input[type="submit"], input[type="button"]';

export const CONSENT_SHADOW_HOSTS = [
  { id: 'usercentrics-root', button: 'button[data-testid="uc-accept-all-button"]' },
  { cls: 'axeptio_mount', button: 'button#axeptio_btn_acceptAll' },
];

export const CONSENT_FRAME_SELECTORS = [
  'iframe[id^="sp_message_iframe"]', 'iframe#fast-cmp-iframe', 'iframe[id*="consent" i]', 'iframe[title*="consent" i]',
  'iframe[title*="cookie" i]', 'iframe[title*="privacy" i]', 'iframe[src*="privacymanager" i]', 'iframe[src*="consent-tool" i]',
];

export const CONSENT_FRAME_BUTTONS =
  'button[title="Accept All" i], button[title="Accept" i], .sp_choice_type_11, button.message-button, button[class*="accept" i], button[class*="agree" i]';

export const CONSENT_CONTAINER_SELECTORS = [
  '#onetrust-consent-sdk', '#onetrust-banner-sdk', '.onetrust-pc-dark-filter', '#onetrust-pc-sdk',
  '#CybotCookiebotDialog', '#CybotCookiebotDialogBodyUnderlay', '#dtcookie-container', '#cookiebanner',
  '#truste-consent-track', '.truste_overlay', '.truste_box_overlay', '#truste-consent-content', '#consent_blackbar', '.trustarc-banner-container',
  '.qc-cmp2-container', '#qc-cmp2-main', '.qc-cmp-cleanslate',
  '#didomi-host', '#didomi-popup', '#didomi-notice',
  '#usercentrics-root', '#usercentrics-cmp-ui',
  'div[id^="sp_message_container"]', '.sp_message_container',
  '.fc-consent-root', '.fc-dialog-overlay', '.fc-dialog-container',
  '.klaro',
  '.osano-cm-window', '.osano-cm-dialog',
  '#iubenda-cs-banner',
  '.cmplz-cookiebanner', '#cmplz-cookiebanner-container',
  '.cky-consent-container', '.cky-overlay',
  '.cmpbox', '#cmpbox', '#cmpbox2', '#cmpwrapper',
  '.fides-overlay', '#fides-banner', '#fides-overlay', '#fides-overlay-wrapper',
  '#termly-code-snippet-support',
  '#cookiefirst-root', '.cookiefirst-root',
  '#cookiescript_injected', '.cookiescript_fsd_main',
  '#BorlabsCookieBox', '._brlbs-bar-wrap', '._brlbs-box-wrap',
  '#ccc', '#ccc-module', '#ccc-overlay',
  '#cookie-information-template-wrapper', '#coiOverlay',
  '#_evidon_banner', '#_evidon-background', '#evidon-prefdiag-overlay',
  '.axeptio_widget', '.axeptio_mount',
  '#hs-eu-cookie-confirmation',
  '#lanyard_root',
  '#tarteaucitronRoot', '#tarteaucitronAlertBig',
  '.ch2-container', '.ch2-dialog',
  '#moove_gdpr_cookie_info_bar', '#moove_gdpr_cookie_modal', '.gdpr_cookie_settings_popup_overlay',
  '.termsfeed-com---nb',
  '#cookie-notice',
  '#cookie-law-info-bar', '#cookie-law-bg', '.cli-popupbar-overlay',
  '.eu-cookie-compliance-banner',
  '#gdpr-cookie-consent-bar',
  '#shopify-pc__banner',
  '[data-comp-type="cookie-banner-root-wix"]', '[data-hook="ccsu-banner-wrapper"]',
  '[fs-consent-element="banner"]', '.fs-cc-components',
  '#pandectes-banner',
  '#cl-consent',
  '.snigel-cmp-framework',
  '.cassie-cookie-module', '.cassie-pre-banner',
  '#fast-cmp-root',
  'sibbo-cmp-layout',
  '#pubtech-cmp',
  '.unic',
  '#ez-cookie-dialog-wrapper',
  '#transcend-consent-manager',
  '.cf_modal_container',
  '#cc--main',
  '#cc-main',
  '.legalmonster-cleanslate',
  '#catapult-cookie-bar',
  '#sd-cmp',
  '[data-name="mediavine-gdpr-cmp"]',
  '.isense-cc-window',
  '#cookie-banner',
  '#truyo-consent-module',
  '#kconsent', '.kc-overlay',
  '.gravitoCMP-background-overlay',
  '#ct-ultimate-gdpr-cookie-popup',
  '#hu.hu-wrapper',
  '.overlay_bc_banner',
  '.PiwikPROConsentForm-container',
  '#__tealiumGDPRecModal', '#__tealiumImplicitmodal', '#consent-layer',
  '#pmc-pp-tou--notice',
  '#cookie-consent-banner',
  '.rcb-banner',
  '#bnp_container', '#bnp_cookie_banner',
  '.artdeco-global-alert[type="COOKIE_CONSENT"]',
  '#gdpr-consent-tool-wrapper',
  // generic catch-alls
  '[class*="cookie-consent" i]', '[id*="cookie-consent" i]', '[class*="cookie-banner" i]', '[id*="cookie-banner" i]',
  '[class*="consent-banner" i]', '[id*="consent-banner" i]', '[class*="consent-popup" i]', '[id*="consent-popup" i]',
  '[class*="gdpr-banner" i]', '[id*="gdpr-banner" i]', '[class*="cookie-notice" i]', '[id*="cookie-notice" i]',
  '[class*="cookie-law" i]', '[id*="cookie-law" i]', '[class*="cookie-popup" i]', '[id*="cookie-popup" i]',
  '[class*="cookie-overlay" i]', '[id*="cookie-overlay" i]', '.cc-banner', '.cc-window',
];

export const CONSENT_IFRAME_SELECTORS = [
  'iframe[id^="sp_message_iframe"]', 'iframe#fast-cmp-iframe', 'iframe[src*="consent" i]', 'iframe[src*="cookie-cdn" i]',
  'iframe[src*="cookiebot" i]', 'iframe[src*="trustarc" i]', 'iframe[src*="consentmanager" i]', 'iframe[src*="privacymanager" i]',
  'iframe[src*="cmp-consent-tool" i]', 'iframe[title*="consent" i]', 'iframe[title*="cookie" i]', 'iframe[title*="gdpr" i]',
  'iframe[name="__tcfapiLocator"]',
];

export const CONSENT_SCROLL_LOCK_CLASSES = [
  'ot-overflow-hidden', 'sp_message_open', 'didomi-popup-open', 'cmpbox-show', 'cmplz-blocked', 'qc-cmp2-no-scroll',
  'osano-cm-show', 'cky-modal-open', 'fides-overlay-modal-open', 'cc-no-scroll', 'gdpr-cookie-notice-center-loaded',
  'fc-consent-root-open', 'cookie-notification-active', 'consent-bar-push-large', 'with-eu-cookie-guideline',
  'cookies-request', 'eu-cookie-compliance-popup-open', 'has-cookie-bar',
];

const data = JSON.stringify({
  accept: CONSENT_ACCEPT_SELECTORS,
  generic: CONSENT_GENERIC_ACCEPT_SELECTORS,
  texts: CONSENT_ACCEPT_TEXTS,
  buttonLike: CONSENT_BUTTON_LIKE,
  shadowHosts: CONSENT_SHADOW_HOSTS,
  frames: CONSENT_FRAME_SELECTORS,
  frameButtons: CONSENT_FRAME_BUTTONS,
  containers: CONSENT_CONTAINER_SELECTORS,
  iframes: CONSENT_IFRAME_SELECTORS,
  lockClasses: CONSENT_SCROLL_LOCK_CLASSES,
});

/** An async function expression (no argument), evaluated in the page (with cleanerCall). */
export const REMOVE_CONSENT_POPUPS = String.raw`async () => {
  const t = ${data};
  const shown = (el) => {
    if (!el) return false;
    const cs = getComputedStyle(el);
    return cs.display !== 'none' && cs.visibility !== 'hidden' && cs.opacity !== '0';
  };
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));
  const press = async (el) => {
    el.click();
    await pause(300);
    return true;
  };
  const firstShown = async (list) => {
    for (const sel of list) {
      try {
        const el = document.querySelector(sel);
        if (el && shown(el)) return await press(el);
      } catch (e) {}
    }
    return false;
  };
  let accepted = (await firstShown(t.accept)) || (await firstShown(t.generic));
  if (!accepted) {
    const texts = t.texts.map((s) => new RegExp(s, 'i'));
    for (const el of document.querySelectorAll(t.buttonLike)) {
      const text = (el.textContent || el.value || '').trim();
      if (text.length === 0 || text.length >= 40) continue;
      if (texts.some((re) => re.test(text) && shown(el))) {
        accepted = await press(el);
        break;
      }
    }
  }
  if (!accepted) {
    for (const h of t.shadowHosts) {
      try {
        const host = h.id ? document.getElementById(h.id) : document.querySelector('.' + h.cls);
        const el = host && host.shadowRoot ? host.shadowRoot.querySelector(h.button) : null;
        if (el) {
          accepted = await press(el);
          break;
        }
      } catch (e) {}
    }
  }
  if (!accepted) {
    for (const sel of t.frames) {
      try {
        const frame = document.querySelector(sel);
        const doc = frame && frame.contentDocument;
        if (!doc) continue;
        const el = Array.from(doc.querySelectorAll(t.frameButtons)).find((b) => b.offsetParent !== null);
        if (el) {
          accepted = await press(el);
          break;
        }
      } catch (e) {}
    }
  }
  const tryCall = (f) => {
    try {
      f();
    } catch (e) {}
  };
  if (typeof window.__tcfapi === 'function') tryCall(() => window.__tcfapi('addEventListener', 2, () => {}));
  if (typeof window.Didomi !== 'undefined') tryCall(() => window.Didomi.setUserAgreeToAll());
  if (typeof window.Cookiebot !== 'undefined') tryCall(() => window.Cookiebot.submitCustomConsent(true, true, true));
  if (typeof window.Osano !== 'undefined') tryCall(() => window.Osano.cm.acceptAll());
  if (typeof window.klaro !== 'undefined') tryCall(() => window.klaro.getManager().acceptAll());
  await pause(500);
  for (const sel of t.containers) tryCall(() => document.querySelectorAll(sel).forEach((el) => el.remove()));
  for (const sel of t.iframes) {
    tryCall(() =>
      document.querySelectorAll(sel).forEach((frame) => {
        const parent = frame.parentElement;
        if (parent && parent.children.length <= 2) {
          const cs = getComputedStyle(parent);
          if (cs.position === 'fixed' || cs.position === 'absolute' || parseInt(cs.zIndex) > 999) return parent.remove();
        }
        frame.remove();
      }),
    );
  }
  for (const el of [document.body, document.documentElement]) {
    el.style.overflow = '';
    el.style.overflowY = '';
    el.style.position = '';
  }
  document.body.style.marginRight = '';
  document.body.style.paddingRight = '';
  for (const cls of t.lockClasses) {
    document.body.classList.remove(cls);
    document.documentElement.classList.remove(cls);
  }
}`;
