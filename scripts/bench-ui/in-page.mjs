/**
 * What the tray-menu benchmark (scripts/bench-ui.mjs) runs inside the page,
 * through page.evaluate / addInitScript: each function is sent as its source,
 * so it may use nothing from this module's scope.
 */
/* global window, document, requestAnimationFrame */
/** Runs in the page: `window.switchyard` answering with N roles, no engine behind it. */
export function bridgeDouble({ count, now }) {
  const colors = ['f2b0a9', 'fbc8aa', 'efda95', 'b7ca9d', '83d4e8', undefined];
  const roles = Array.from({ length: count }, (_, i) => {
    const account = String(100000000000 + (i % 80) * 7_919_113).padStart(12, '0');
    return {
      role: {
        id: `r${i}`,
        label: `${['Admin', 'ReadOnly', 'Developer', 'Deploy', 'Billing'][i % 5]} ${i}`,
        roleArn: `arn:aws:iam::${account}:role/Role${i}`,
        profile: `profile-${i}`,
        source: { kind: 'profile', profile: 'source' },
        ...(i % 4 === 0 ? {} : { group: `account-${i % 80}` }),
        ...(colors[i % 6] ? { color: colors[i % 6] } : {}),
        tags: i % 10 === 0 ? ['prod'] : [],
      },
      state: 'active',
      // 2–9 minutes left: every countdown shows seconds, so every visible one changes each tick.
      expiresAt: now + 120_000 + ((i * 7919) % 420_000),
      // Every seventh lapses with its MFA session (a clock-driven note), the rest renew (↻).
      renewal:
        i % 7 === 0
          ? { kind: 'lapses', at: now + 3_600_000 + i * 1000, reason: 'mfa' }
          : { kind: 'renews' },
      isDefault: i === 0,
      chained: false,
    };
  });
  const snapshot = {
    roles,
    mfaPrompts: [],
    signInPrompts: [],
    settings: {
      refreshMarginSeconds: 60,
      removeExpiredProfiles: true,
      launchAtLogin: false,
      shortcut: 'CommandOrControl+Shift+Y',
    },
    refresher: { active: true },
  };
  const noop = async () => undefined;
  window.switchyard = {
    getSnapshot: async () => snapshot,
    onSnapshot: () => () => undefined,
    onFocusRole: () => () => undefined,
    onPopupVisibility: () => () => undefined,
    getSsoProgress: async () => ({ phase: 'idle' }),
    onSsoProgress: () => () => undefined,
    subscriptions: async () => [],
    onSubscriptions: () => () => undefined,
    activate: noop,
    deactivate: noop,
    refresh: noop,
    setDefault: noop,
    openConsole: noop,
    openConsoleAt: noop,
    addRole: noop,
    updateRole: noop,
    removeRole: noop,
    copyProfileExport: noop,
    copyTerminalCommand: noop,
    copyForAdmin: noop,
    submitMfaCode: noop,
    previewImport: noop,
    applyImport: noop,
    updateSettings: noop,
    updateAccount: async () => ({}),
    hidePopup: noop,
    recentActivity: async () => [],
    sourceProfiles: async () => [],
  };
}

/**
 * Runs in the page: says on the console once the first frame has been timed.
 * The benchmark waits for that message instead of polling the page with a
 * locator or waitForFunction, which would compile and run Playwright's
 * injected script on the page's main thread in the middle of the span being
 * measured (a trace showed 15-35 ms of it between the paint and the timer).
 */
export function announceFirstFrame(message) {
  const poll = () => {
    if (window.__switchyardPerf?.firstFrameMs !== undefined) console.debug(message);
    else setTimeout(poll, 25);
  };
  setTimeout(poll, 25);
}
export const FIRST_FRAME_TIMED = 'switchyard-bench:first-frame-timed';

/** Pretends the popup window was hidden or shown (what Electron reports for a hidden window). */
export function setHidden(hidden) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

/**
 * The popup shown again after a while hidden (Electron keeps the window and only
 * hides it): visibility change → the next painted frame, the stale countdowns
 * brought up to date. This is what a click on the tray icon waits for.
 */
export function timeReopen() {
  return new Promise((resolve) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    const start = performance.now();
    document.dispatchEvent(new Event('visibilitychange'));
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
  });
}

/** Keydown → the frame after React committed (rAF, then a task: past the paint). */
export function armKeystrokeTimer() {
  window.__benchKey = new Promise((resolve) => {
    window.addEventListener(
      'keydown',
      (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
      },
      { once: true, capture: true },
    );
  });
}
